using OzgLive.Web.Live;

namespace OzgLive.Web.Security;

/// <summary>
/// Cookie names and flags for the site's three cookies (sign-in, antiforgery, language), in one place.
/// Secure follows the request (https directly, or as the trusted proxy reports it), so a plain-http
/// development start still works. Where every configured site address is https, the cookies are
/// always Secure and named "__Host-…": the browser then accepts them only from this exact host over
/// https, with Path=/ and no Domain, so a sibling subdomain cannot plant or overwrite them (ASVS 3.3.1, 3.3.3).
/// Without a configured https address the prefix is left out: a browser drops a "__Host-" cookie sent
/// over http.
/// </summary>
public static class SiteCookies
{
    public const string HostPrefix = "__Host-";

    public static string Name(string name, SiteOptions site) => site.HttpsOnly ? HostPrefix + name : name;

    public static void Harden(CookieBuilder cookie, SiteOptions site)
    {
        cookie.Path = "/";
        cookie.Domain = null;
        cookie.SecurePolicy = site.HttpsOnly ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
        if (cookie.Name is { } name && !name.StartsWith(HostPrefix, StringComparison.Ordinal))
        {
            cookie.Name = Name(name, site);
        }
    }

    /// <summary>For cookies written by hand (the language cookie).</summary>
    public static CookieOptions Options(HttpContext context, SiteOptions site, CookieOptions options)
    {
        options.Path = "/";
        options.Secure = site.HttpsOnly || context.Request.IsHttps;
        return options;
    }
}
