import type { CleanRule } from '../rule.ts';
import { uni } from '../text/text-utils.ts';

/** Comment-section furniture as whole blocks (en, de, fr, es, pt). */
const COMMENTS =
  /^(?:comments?|\d{1,5} comments?|comments? \(\d{1,5}\)|view (?:\d{1,5} )?comments|show comments|hide comments|post (?:a )?comment(?: \(\+\))?|add (?:a )?comment|leave a (?:comment|reply)|write a comment|join the (?:conversation|discussion)|have your say|tell us what you think(?:\.{3}|…)?|what do you think\?|comments are closed\.?|discussion|kommentare|kommentieren|kommentar schreiben|diskutieren sie mit|commentaires|commenter|laisser un commentaire|réagir|comentarios|comentar|deja (?:un|tu) comentario|comentários|deixe (?:um|seu) comentário|отзывы|добавить отзыв|комментарии)[\s:.!]*$/iu;
/** Moderation notices: "Comments that … will not be approved by the moderator." */
const POLICY =
  uni(/\b(?:comments?|comentários|comentarios|kommentare|commentaires)\b.{0,160}\b(?:moderat\w*|approved|aprovados|aprobados|freigeschaltet|modérés)\b|\b(?:moderat\w*|approving)\b.{0,40}\b(?:comments?|comentários|comentarios|kommentare|commentaires)\b/iu);

/** What a moderation notice says about the comments. */
const POLICY_WORDING = uni(/\b(?:will not|won['’]t|não serão|no serán|werden nicht|ne seront pas|must|should|may be|are being|we are)\b/iu);

export const commentsPrompt: CleanRule = {
  id: 'comments-prompt',
  description: 'Comment-section furniture: "Comments", "Post Comment (+)", "Leave a reply", "Tell us what YOU think...", "Kommentare", "Commentaires", "Comentarios", moderation notices.',
  why: 'The article container often swallows the comment widget\'s labels; only whole short blocks, or short moderation notices, match.',
  examples: {
    removes: ['Note: we are temporarily moderating all comments submitted to deal with a surge in spam.', 'Comments', 'Post Comment (+)', 'Tell us what YOU think...', 'Leave a Reply', '12 comments', 'Kommentare', 'ATENÇÃO: Comentários com textos ininteligíveis não serão aprovados pelo moderador.'],
    keeps: ['Comments by the minister drew criticism.', 'The comments were approved by the board on Monday after a long debate about the budget.'],
  },
  patterns: [COMMENTS, POLICY, POLICY_WORDING],
  matchBlock(doc, i) {
    const t = doc.text(i).trim();
    if (t.length <= 40 && COMMENTS.test(t)) return {};
    if (t.length > 250 || !POLICY.test(t)) return null;
    return POLICY_WORDING.test(t) && (doc.atEnd(i) || t.length <= 160) ? {} : null;
  },
};
