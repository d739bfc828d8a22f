/** The login form: the API token, posted to /ui/login. */
import { html } from '../html.ts';
import { notice, page } from '../layout.ts';
import { UI_PREFIX } from '../session.ts';

export function loginPage(options: { next: string; error?: string }) {
  return page({
    title: 'Log in',
    body: html`<section class="login">
  <h1>Log in</h1>
  <p class="muted">Use the API token this server was started with (<code>VELLUM_API_TOKEN</code>).</p>
  ${options.error ? notice('error', options.error) : ''}
  <form method="post" action="${UI_PREFIX}/login" class="stack">
    <input type="hidden" name="next" value="${options.next}">
    <label for="token">API token</label>
    <input id="token" name="token" type="password" autocomplete="current-password" required autofocus>
    <button type="submit" class="primary">Log in</button>
  </form>
</section>`,
  });
}
