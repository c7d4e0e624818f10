using System.Net;
using System.Text.RegularExpressions;
using OzgLive.Tests.Infrastructure;

namespace OzgLive.Tests.Security;

/// <summary>Finding 6 (ASVS 3.3.1, 3.3.3): Secure over https, "__Host-" names where the site is https only.</summary>
public sealed partial class CookieTests
{
    private static readonly Dictionary<string, string?> HttpsSite = new() { ["Site:Addresses:0"] = "https://live.example.de" };

    [Fact]
    public async Task Over_https_the_antiforgery_and_language_cookies_are_Secure()
    {
        await using var app = await TestApp.StartAsync(seedDemo: false);
        using var http = NoCookies(app);

        var antiforgery = SetCookie(await SendAsync(http, HttpMethod.Get, "/login"), "ozglive.antiforgery");
        var language = SetCookie(await SendAsync(http, HttpMethod.Get, "/sprache/en?zurueck=/"), ".AspNetCore.Culture");

        Assert.Contains("; secure", antiforgery, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("; secure", language, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Over_plain_http_in_development_the_cookies_are_not_Secure_so_that_sign_in_still_works()
    {
        await using var app = await TestApp.StartAsync(seedDemo: false);
        using var http = app.CreateClient();

        using var login = await http.GetAsync("/login");

        var antiforgery = SetCookie(login, "ozglive.antiforgery");
        Assert.DoesNotContain("secure", antiforgery, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task On_an_https_site_every_cookie_is_a_Secure_host_only_cookie()
    {
        await using var app = await TestApp.StartAsync(seedDemo: false, extra: HttpsSite);
        using var http = NoCookies(app);

        using var login = await SendAsync(http, HttpMethod.Get, "/login");
        var antiforgery = SetCookie(login, "__Host-ozglive.antiforgery");
        var token = Token().Match(await login.Content.ReadAsStringAsync()).Groups[1].Value;
        using var signIn = await SendAsync(http, HttpMethod.Post, "/login", CookiePair(antiforgery), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["Input.Email"] = TestApp.OrganiserEmail,
            ["Input.Password"] = TestApp.OrganiserPassword,
            ["__RequestVerificationToken"] = token,
        }));
        var auth = SetCookie(signIn, "__Host-ozglive.auth");
        var language = SetCookie(await SendAsync(http, HttpMethod.Get, "/sprache/en?zurueck=/"), "__Host-.AspNetCore.Culture");

        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        foreach (var cookie in new[] { antiforgery, auth, language })
        {
            Assert.Contains("; secure", cookie, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("; path=/", cookie, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("domain=", cookie, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        }

        Assert.Contains("samesite=lax", auth, StringComparison.OrdinalIgnoreCase);

        // The prefixed cookie is the one the app reads back.
        using var organisation = await SendAsync(http, HttpMethod.Get, "/organisation", CookiePair(auth));
        Assert.Equal(HttpStatusCode.OK, organisation.StatusCode);
    }

    private static HttpClient NoCookies(TestApp app) =>
        new(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = app.BaseAddress };

    /// <summary>As the TLS proxy on this machine forwards a browser's https request.</summary>
    private static async Task<HttpResponseMessage> SendAsync(HttpClient http, HttpMethod method, string path, string? cookie = null, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Add("X-Forwarded-Proto", "https");
        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }

        return await http.SendAsync(request);
    }

    private static string SetCookie(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.FirstOrDefault(c => c.StartsWith(name + "=", StringComparison.Ordinal)) is { } cookie
            ? cookie
            : throw new Xunit.Sdk.XunitException($"No cookie {name} set by {response.RequestMessage?.RequestUri}");

    private static string CookiePair(string setCookie) => setCookie[..setCookie.IndexOf(';', StringComparison.Ordinal)];

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
