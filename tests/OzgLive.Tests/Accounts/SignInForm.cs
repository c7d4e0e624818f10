using System.Net;
using AngleSharp.Html.Dom;
using OzgLive.Tests.Infrastructure;
using OzgLive.Tests.Organisers;

namespace OzgLive.Tests.Accounts;

/// <summary>What the login form answered: status, where it redirects, the page and the cookies it set.</summary>
internal sealed record SignInAnswer(HttpStatusCode Status, Uri? Location, string Html, IHtmlDocument Page, CookieContainer Cookies)
{
    public const string CookieName = "ozglive.auth";

    /// <summary>The German message shown above the form, if any.</summary>
    public string? Error => Page.QuerySelector("#login-error")?.TextContent;

    public bool HasSession(Uri site) => Cookies.GetCookies(site)[CookieName] is { Expired: false };
}

/// <summary>Signs in through the real /login form, as a browser does.</summary>
internal static class SignInForm
{
    public static async Task<SignInAnswer> SubmitAsync(TestApp app, string email, string password, string? returnUrl = null, CookieContainer? cookies = null)
    {
        cookies ??= new CookieContainer();
        using var http = app.CreateClient(cookies);
        var path = returnUrl is null ? "/login" : "/login?returnUrl=" + Uri.EscapeDataString(returnUrl);
        using var response = await TestApp.PostFormAsync(http, path, new()
        {
            ["_handler"] = "login",
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        });
        var html = await response.Content.ReadAsStringAsync();
        var location = response.Headers.Location is Uri uri ? new Uri(app.BaseAddress, uri) : null;
        return new SignInAnswer(response.StatusCode, location, html, OrganiserSite.Parse(html), cookies);
    }
}
