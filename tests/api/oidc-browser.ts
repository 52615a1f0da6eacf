/**
 * A browser's part in an OpenID Connect sign-in, over real HTTP: fetch with redirects followed by
 * hand and a cookie jar per host, plus filling in oidc-provider's development login and consent
 * forms (their `prompt` hidden field says which one is showing).
 */
export interface Hop {
  status: number;
  url: URL;
  body: string;
}

export class TestBrowser {
  private readonly jar = new Map<string, Map<string, string>>();

  /** One request, no redirect followed; cookies sent and kept as a browser would (path ignored). */
  async request(url: URL, init: RequestInit = {}): Promise<Response> {
    const cookies = [...(this.jar.get(url.host) ?? new Map<string, string>())].map(([k, v]) => `${k}=${v}`);
    const headers = new Headers(init.headers);
    if (cookies.length > 0) headers.set('cookie', cookies.join('; '));
    const res = await fetch(url, { ...init, headers, redirect: 'manual' });
    this.keep(url.host, res.headers.getSetCookie());
    return res;
  }

  private keep(host: string, setCookies: string[]) {
    const jar = this.jar.get(host) ?? new Map<string, string>();
    this.jar.set(host, jar);
    for (const line of setCookies) {
      const [pair = ''] = line.split(';');
      const at = pair.indexOf('=');
      const gone = /max-age=0|expires=thu, 01 jan 1970/i.test(line);
      if (gone) jar.delete(pair.slice(0, at));
      else jar.set(pair.slice(0, at), pair.slice(at + 1));
    }
  }

  /**
   * Follows redirects from `url` until an answer that is not one, or until `stop` says the next
   * location is where the caller wants to look (it is then returned unrequested, status 0).
   */
  async follow(url: URL, stop: (next: URL) => boolean = () => false, init?: RequestInit): Promise<Hop> {
    let res = await this.request(url, init);
    let at = url;
    for (let hops = 0; hops < 20 && res.status >= 300 && res.status < 400; hops++) {
      at = new URL(res.headers.get('location') ?? '', at);
      if (stop(at)) return { status: 0, url: at, body: '' };
      res = await this.request(at);
    }
    return { status: res.status, url: at, body: await res.text() };
  }

  /**
   * Signs in at the provider's login page as `login`, then grants consent if asked, and returns
   * the first location `stop` accepts (the callback, or the dashboard behind it).
   */
  async passInteractions(page: Hop, login: string, stop: (next: URL) => boolean): Promise<Hop> {
    let hop = page;
    for (
      let round = 0;
      round < 4 && hop.status === 200 && hop.url.pathname.includes('/interaction/');
      round++
    ) {
      const action = /<form[^>]*action="([^"]+)"/.exec(hop.body)?.[1];
      const prompt = /name="prompt" value="([^"]+)"/.exec(hop.body)?.[1];
      if (action === undefined || prompt === undefined) throw new Error(`No form at ${hop.url.href}`);
      const form = new URLSearchParams({ prompt, login, password: 'any' });
      const init = {
        method: 'POST',
        body: form,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      };
      hop = await this.follow(new URL(action, hop.url), stop, init);
    }
    return hop;
  }
}
