/**
 * Hand-written expectations for the seeds in fixtures/seeds (real article texts as a weak
 * extractor left them): for each, every noise item with the rule that must take it, every
 * content block that must come out (in order, exactly), and the metadata moved out of the text.
 */
import type { MediaItem, RemovedItem } from '../../src/types.ts';

export interface SeedExpectation {
  file: string;
  content: string[];
  removed: RemovedItem[];
  authors: string[];
  media: MediaItem[];
}

const ZHELISKO =
  "Ukrainian soldiers mourn during the funeral of fellow soldier Dmitry Zhelisko at the Church of St. Volodymyr on April 03, 2022 in Chervonohrad, Ukraine. Zhelisko died fighting the Russian army near the town of Kharkiv. More than five weeks since the Russian invasion began, Ukraine's military losses are still unclear, with the last official account coming on March 12, when the government acknowledged that 1,300 Ukrainian soldiers had been killed.";

export const SEEDS: SeedExpectation[] = [
  {
    file: '000_67bbe53b3b1aed59.txt',
    content: [
      'Russian President Vladimir Putin order for a "partial mobilization" initially recruited Russian men to help their military fight in Ukraine, but now even Ukrainians are being forced to cross enemy lines and fight their own countrymen.',
      "Ukrainian officials said it is possible that this has always been Russia's goal, which Ukrainian President Volodymyr Zelensky warned of in April when he said that “Russia wants to turn Ukraine into silent slaves.”",
      "But Ukrainians appear to not have been turned into the Russian military's slaves just yet as Ukrainian intelligence says their citizens who have been recruited to be reservists and sent by Russia to fight in Kherson already refused to take part in military operations.",
      'This, the New York Times reported, pushed Russian military commanders to threaten those who refuse to battle that they will be sent out “to the front line without weapons."',
      "Military analysts say that Putin's mobilization order, which has forced people to join the Russian army, appears to be backfiring on him.",
      'Analysts who spoke to the New York Times said that “conscripts from Luhansk and Donetsk were part of the forces whose stunning collapse in the northeastern Kharkiv region” that happened this month allowed Ukraine to reclaim some Russian-occupied territories.',
      'Luhansk and Donetsk are both parts of eastern Ukraine has been controlled by Russia since 2014.',
    ],
    removed: [
      { rule: 'photo-caption', text: 'Military vehicles are seen near Pavlohrad, Dnipro area on February 24, 2022, Ukraine.', position: 0 },
      {
        rule: 'photo-caption',
        text: 'Military vehicles are seen near Pavlohrad, Dnipro area on February 24, 2022, Ukraine. Getty Images | Anastasia Vlasova',
        position: 1,
      },
      { rule: 'photo-caption', text: 'Ukrainian soldiers mourn during the funeral of fellow soldier Dmitry Zhelisko', position: 9 },
      { rule: 'photo-caption', text: `${ZHELISKO} Photo by Joe Raedle/Getty Images`, position: 10 },
      { rule: 'copyright-footer', text: '© 2024 Latin Times. All rights reserved. Do not reproduce without permission.', position: 11 },
    ],
    authors: [],
    media: [
      {
        src: null,
        caption: 'Military vehicles are seen near Pavlohrad, Dnipro area on February 24, 2022, Ukraine.',
        credit: 'Getty Images | Anastasia Vlasova',
      },
      { src: null, caption: ZHELISKO, credit: 'Photo by Joe Raedle/Getty Images' },
    ],
  },
  {
    // No noise: every sentence (one per line, title included) stays.
    file: '001_829208fb2c314722.txt',
    content: [
      'Surge in Ukrainian Soldier Defections Sparks International Concern Over Military Loyalty and Security Risks',
      "The revelation that over a thousand former Ukrainian Armed Forces (UAF) soldiers are now fighting in the Russian army's ranks has sent ripples through the international community, according to a report by TASS citing Russian law enforcement agencies.",
      'The claim, which references intelligence warnings from Ukrainian sources, suggests a growing trend of defection among Ukrainian military personnel.',
      'A source quoted by TASS indicated that these individuals are not merely deserters but are actively integrated into four full-fledged combat units, potentially swelling their numbers to over 1,000.',
      'This development raises complex questions about loyalty, coercion, and the shifting dynamics of a conflict that has already claimed thousands of lives on both sides.',
      'The report underscores a critical juncture in the war, where the lines between combatants and non-combatants blur.',
      "Ukrainian intelligence's warnings imply that these former soldiers may be motivated by a mix of factors—ranging from ideological alignment with Russia's stated goals in Donbass to potential coercion or financial incentives.",
      "However, the sheer scale of such a defection, if verified, would represent a significant blow to Ukraine's military morale and a potential boon to Russian forces.",
      "Analysts remain divided on whether this is a strategic move by Moscow to undermine Kyiv or a reflection of the desperation felt by some Ukrainian soldiers amid the war's escalating brutality.",
      'At the same time, Russian President Vladimir Putin has reportedly directed his chief of general staff, Valery Gerasimov, to prioritize a task with a different objective: creating conditions for Ukrainian servicemen to surrender.',
      'This directive, emphasized by Putin as crucial to the current battlefield situation, suggests a dual approach by Moscow—one that combines military aggression with attempts at diplomacy.',
      "The president's focus on facilitating surrenders appears to align with broader efforts to de-escalate the conflict, though the effectiveness of such measures remains uncertain.",
      "Critics argue that Russia's military actions, including the capture of Ukrainian soldiers dressed in civilian clothes, contradict any genuine commitment to peace.",
      'The situation on the ground in Donbass remains fraught.',
      'Russian forces have repeatedly claimed advances, while Ukraine insists on defending its sovereignty.',
      'For many in the region, the war has become a grim reality, with civilians caught in the crossfire.',
      "Putin's government has consistently framed its actions as a defense of Russian-speaking populations and a counter to what it describes as Western-backed aggression.",
      "Yet, the presence of former UAF soldiers in Russian ranks complicates this narrative, raising questions about the true motivations of those who have switched sides and the broader implications for the war's trajectory.",
      'As the conflict enters its fourth year, the interplay between military strategy and political messaging becomes increasingly intricate.',
      'The reported integration of former Ukrainian soldiers into Russian units may serve both as a tactical asset and a symbolic message to Kyiv and the international community.',
      "Meanwhile, Putin's push for surrenders highlights the paradox of a war that has thus far shown no signs of abating.",
      "Whether these moves will lead to a lasting resolution—or further entrenchment of the conflict—remains to be seen, with the people of Donbass and Ukraine's broader population continuing to bear the brunt of the war's consequences.",
    ],
    removed: [],
    authors: [],
    media: [],
  },
  {
    file: '002_1689e1aa7c63115f.txt',
    content: [
      'Ukrainian Troops Abandoning Front in Large Numbers',
      'Ukraine reports the highest monthly number of desertions since the beginning of the conflict.',
      'The number of desertions in Ukraine has been growing for a long time. As a natural consequence of the brutal process of forced mobilization and the high intensity of hostilities on the battlefield, more and more Ukrainians are simply fleeing their ranks as soon as they have the chance to evade the authorities. This is a clear sign of the decline of the Ukrainian military and the inability of the Kiev neo-Nazi regime to maintain the war effort in the long term.',
      // The product box glued to the end of this paragraph is cut; the paragraph stays.
      'Recently, Western media reported that more than 21,000 Ukrainian soldiers abandoned their country’s armed forces in October alone. This number is massive for such a short period of time and shows the profound level of crisis within the Ukrainian military. In fact, this is the highest number of desertions reported in a single month since the beginning of the conflict, which also indicates that more recently the conditions of the war have become increasingly intolerable for many soldiers.',
      'Furthermore, there are also concerns that there may be even more desertions. Igor Lutsenko, a former Ukrainian deputy who currently serves in the armed forces, stated that there may be even more underreported desertions, considering the difficult circumstances of the conflict, which prevent total control over the troops and accurate data confirmation. He believes that the real number of deserters is much higher than the official figures, taking into account that there are often cases of unjustified absence of soldiers during army operations.',
      'Lutsenko also explained that Ukrainian forces are suffering enormously on the battlefield due to desertions. He states that there are many additional tasks for each soldier who chooses not to desert, thus creating a lot of pressure on the remaining troops. Even so, however, it is impossible to completely cover the “holes” in the Ukrainian defense left by the deserters, which weakens the country’s army during confrontations with the Russians.',
      '“21,602 in October… This is a record. This is a very bad record (…) This is just official data. In reality, many AWOL or desertion cases are not registered (…) [We are under] enormous strain, because a double, triple load falls on every soldier who hasn’t fled (…) We have huge holes in our defense at the front because of this,” he said.',
      'While the massive number of desertions does indeed facilitate the Russian advance and partially explains the expansion of Russian territorial control in recent weeks, it is important to clarify that Ukraine is losing the war not because so many soldiers are giving up fighting. Ukrainians no longer believe in their country’s victory and that is why they are deserting.',
      'This crisis did not begin recently, but has been happening gradually since 2023, when Ukraine failed to launch a “counteroffensive” to retake territories. Since then, the numbers have clearly indicated that the country is doomed on the battlefield, which is why many soldiers have been deserting, as they simply do not want to lose their lives in a war that is impossible to win.',
      'In recent months, this process has accelerated significantly as the Russians have managed to capture several key cities and make important territorial gains. This has harmed Ukraine not only on the battlefield, but also psychologically and morally. In other words, the Ukrainians are demoralized and no longer believe it is still worth fighting. This explains the massive number of desertions last month, and also raises concerns about what the reality will be like in the near future, as it is expected that more and more soldiers will be escaping from their ranks.',
      'Another interesting factor to analyze is the influence of forced mobilization policies. In recent times, Ukraine has toughened its compulsory conscription policies, sending unprepared people without any relevant military training to the front lines. These new soldiers simply don’t know how to fight, which is why participating in hostilities would be like suicide. Therefore, many of them are surrendering or deserting – disappearing and, if possible, fleeing the country.',
      'There is no way for Ukraine to reverse this process. Until the war ends, there will be more and more desertions. This is a natural result of the fact that Kiev has transformed participation in the conflict into a death sentence for most soldiers. The local military no longer believes in victory and considers it pointless to continue fighting, so they try to escape.',
    ],
    removed: [
      {
        rule: 'product-ad-inline',
        text: 'The Origin of Names, W... Foote, Patrick Best Price: $4.04 Buy New $12.79 (as of 01:36 UTC - Details)',
        position: 3,
      },
      {
        rule: 'product-ad-inline',
        text: 'War Crimes Against Sou... Cisco, Walter Brian Best Price: $15.85 Buy New $25.49 (as of 09:36 UTC - Details)',
        position: 8,
      },
      { rule: 'syndication-line', text: 'This article was originally published on InfoBrics.', position: 12 },
    ],
    authors: [],
    media: [],
  },
  {
    // No noise: every sentence stays.
    file: '003_09f9897680929429.txt',
    content: [
      'The ongoing conflict on the Eastern Front has revealed a disturbing trend: a growing number of former Ukrainian soldiers are reportedly defecting to the Russian military ranks.',
      'According to a recent TASS report citing Russian law enforcement sources, over a thousand ex-Ukrainian Armed Forces (UAF) personnel are now fighting alongside Russian troops.',
      'This revelation has sparked intense scrutiny within Ukrainian intelligence circles, with officials expressing alarm at the increasing number of defectors.',
      'The report highlights a shift in the battlefield dynamics, as former adversaries now find themselves on opposing sides, complicating efforts to resolve the crisis through diplomacy.',
      'The Main Intelligence Directorate of Ukraine has allegedly identified the identities of at least 62 former Ukrainian military personnel who have joined the Russian forces.',
      'TASS suggests that this number is merely the tip of the iceberg, with the potential for thousands more soldiers to have crossed over, given the presence of four full-scale combat units operating under Russian command.',
      'This development raises critical questions about the motivations of these individuals—whether driven by ideological alignment, coercion, or disillusionment with the Ukrainian government’s handling of the war.',
      'The report underscores a deepening fracture within the Ukrainian military, as trust erodes between units and the central command.',
      'Amid these developments, President Vladimir Putin has reportedly taken a direct interest in addressing the issue of surrender and disarmament among Ukrainian servicemen.',
      'According to sources close to the Russian leadership, Putin has ordered Chief of the General Staff Valery Gerasimov to expedite efforts aimed at creating conditions that would allow Ukrainian soldiers to lay down their arms and surrender.',
      'This directive comes as Russian forces continue to advance, with reports of Ukrainian soldiers captured in civilian clothing raising concerns about the potential for mass surrenders.',
      'Putin’s emphasis on this task reflects a strategic attempt to mitigate further bloodshed, while also signaling a broader effort to reframe the conflict as a humanitarian crisis rather than a purely military one.',
      'The implications of these reports extend far beyond the battlefield.',
      'For the people of Donbass, caught in the crossfire of the war, the presence of former Ukrainian soldiers in Russian ranks adds another layer of complexity to an already volatile situation.',
      'Local communities, many of whom have endured years of violence and displacement, now face the prospect of former enemies returning to their midst.',
      'Meanwhile, within Russia, the integration of these defectors into the military raises questions about the long-term stability of the force and the potential for internal dissent.',
      'The Kremlin’s narrative of protecting Russian citizens and Donbass residents from the chaos of the war is being tested, as the lines between combatants blur and the human cost of the conflict becomes increasingly apparent.',
      'As the war grinds on, the stories of these defectors—whether voluntary or coerced—serve as a stark reminder of the personal toll of prolonged conflict.',
      'For some, joining the Russian army may represent a path to survival or a chance to escape the chaos of the front.',
      'For others, it may be a calculated move to gain favor with a regime that has long positioned itself as the defender of Russian interests.',
      'Regardless of their motivations, these individuals now stand at the center of a geopolitical struggle that has already claimed thousands of lives and displaced millions.',
      'The coming months will likely determine whether Putin’s efforts to secure a peaceful resolution can succeed, or if the war will continue to spiral into deeper chaos.',
    ],
    removed: [],
    authors: [],
    media: [],
  },
  {
    file: '004_2cfbd87025977163.txt',
    content: [
      'Russian officer shoots own ‘coward’ troops as army morale nears collapse',
      'Morale in the Russian army is so close to collapsing that generals have been forced to shoot at their own troops to make them fight, an officer has admitted.',
      'The soldier said in an intercepted call to his wife that his comrades were in a state of “panic” and wanted the brutal war “to end”.',
      'Bonkers Vladimir Putin’s invasion of Ukraine has dragged on for a bloody two months and shows no sign of coming to an end, despite his army’s heavy losses.',
      'His military has lost over 20,000 soldiers and taken significant damage to equipment, estimates say.',
      'Despite the unexpected setbacks, the Kremlin’s push has continued and it has ordered its forces into a new offensive in eastern Ukraine with the aim of capturing the whole Donbas region.',
      'But it is not looking good for Putin, who now has to deal with rock bottom morale from his army and soldiers refusing to pick up arms.',
      'A telephone call recently intercepted revealed the grim reality for Russian soldiers on the front line.',
      'The officer said: "My soldiers don’t want to fight. I even shoot them – but it\'s no use."',
      'He slammed the newest recruits sent by Russian officials to reinforce their military and accused them of being “cowards”.',
      'Last month, a desperate decree from the Kremlin ordered a whopping 134,500 new conscripts into the army.',
      'But the commander, who had received around 60 new men, moaned: "Loads of them are cowards, alarmists. The problems are with them.',
      "Officers are in panic, they want it all to end. It's been going on every day for one-and-a-half months.",
      '"Everyone\'s just sick of it all. I want to go home, hug my wife and children."',
      'Despite Putin’s relentless threats to the West, leaders have continued to support Ukraine and it was recently announced that the US had approved an eye-watering $33 billion bill of further military aid for the country.',
      'Over $20 billion of this will go towards weapons and ammunition whilst $8.5 billion is needed for direct economic assistance to the government, alongside $3 billion in humanitarian aid.',
    ],
    removed: [
      { rule: 'newsletter-prompt', text: 'Don’t miss a thing! Sign up to the Daily Star’s newsletter', position: 1 },
      {
        rule: 'newsletter-prompt',
        text: 'Stay up to date with all the latest Daily Star news by signing up to our free newsletter here.',
        position: 14,
      },
      { rule: 'tag-list', text: 'Russia Ukraine war', position: 18 },
      { rule: 'tag-list', text: 'Vladimir Putin', position: 19 },
      { rule: 'syndication-line', text: 'Source: Read Full Article', position: 20 },
    ],
    authors: [],
    media: [],
  },
];
