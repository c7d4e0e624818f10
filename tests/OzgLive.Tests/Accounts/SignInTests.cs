using System.Net;
using System.Text.RegularExpressions;
using OzgLive.Tests.Infrastructure;
using OzgLive.Tests.Organisers;

namespace OzgLive.Tests.Accounts;

/// <summary>Signing in and out through the real pages, wrong passwords and the lock-out.</summary>
public sealed partial class SignInTests
{
    private const string WrongCredentials = "E-Mail-Adresse oder Passwort ist falsch.";

    /// <summary>Three failures lock for ten minutes, so the tests can count and move time past it.</summary>
    private static readonly Dictionary<string, string?> StrictLockout = new()
    {
        ["Accounts:MaxFailedSignIns"] = "3",
        ["Accounts:LockoutDuration"] = "00:10:00",
    };

    private const string LockedOut = "Zu viele fehlgeschlagene Versuche: Das Konto ist vorübergehend gesperrt. Bitte versuchen Sie es in 10 Minuten erneut.";

    [Fact]
    public async Task Signing_in_sets_an_http_only_cookie_and_opens_the_organiser_pages()
    {
        await using var app = await TestApp.StartAsync(seedDemo: false);

        var answer = await SignInForm.SubmitAsync(app, TestApp.OrganiserEmail, TestApp.OrganiserPassword);

        Assert.Equal(HttpStatusCode.Redirect, answer.Status);
        Assert.Equal("/organisation", answer.Location!.AbsolutePath);
        Assert.True(answer.HasSession(app.BaseAddress));
        var cookie = answer.Cookies.GetCookies(app.BaseAddress)[SignInAnswer.CookieName]!;
        Assert.True(cookie.HttpOnly);

        using var http = app.CreateClient(answer.Cookies);
        using var overview = await http.GetAsync("/organisation");
        Assert.Equal(HttpStatusCode.OK, overview.StatusCode);
        var header = OrganiserSite.Parse(await overview.Content.ReadAsStringAsync()).QuerySelector("header form[action='/logout'] button")!;
        Assert.Contains("Abmelden (Test-Organisation)", header.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_e_mail_address_is_matched_regardless_of_case_and_surrounding_spaces()
    {
        await using var app = await TestApp.StartAsync(seedDemo: false);

        var answer = await SignInForm.SubmitAsync(app, "  " + TestApp.OrganiserEmail.ToUpperInvariant() + " ", TestApp.OrganiserPassword);

        Assert.Equal(HttpStatusCode.Redirect, answer.Status);
        Assert.True(answer.HasSession(app.BaseAddress));
    }

    [Fact]
    public async Task Signing_out_through_the_header_form_clears_the_cookie_and_closes_the_organiser_pages()
    {
        await using var app = await TestApp.StartAsync(seedDemo: false);
        var cookies = await app.SignInAsync();
        using var http = app.CreateClient(cookies);

        // The sign-out button's own form, with its antiforgery token.
        var home = OrganiserSite.Parse(await http.GetStringAsync("/"));
        var form = home.QuerySelector("form[action='/logout']")!;
        Assert.Equal("post", form.GetAttribute("method"));
        var token = form.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
        using var response = await http.PostAsync("/logout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", new Uri(app.BaseAddress, response.Headers.Location!).AbsolutePath);
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(SignInAnswer.CookieName + "=;", StringComparison.Ordinal));
        Assert.Null(cookies.GetCookies(app.BaseAddress)[SignInAnswer.CookieName]);

        using var organisation = await http.GetAsync("/organisation");
        Assert.Equal(HttpStatusCode.Redirect, organisation.StatusCode);
        Assert.Equal("/login", new Uri(app.BaseAddress, organisation.Headers.Location!).AbsolutePath);
        Assert.NotNull(OrganiserSite.Parse(await http.GetStringAsync("/")).QuerySelector("header a[href='/login']"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("falsches-token")]
    public async Task A_sign_out_without_a_valid_token_is_refused_and_the_session_stays(string? token)
    {
        await using var app = await TestApp.StartAsync(seedDemo: false);
        var cookies = await app.SignInAsync();
        using var http = app.CreateClient(cookies);

        var fields = new Dictionary<string, string>();
        if (token is not null)
        {
            fields["__RequestVerificationToken"] = token;
        }

        using var response = await http.PostAsync("/logout", new FormUrlEncodedContent(fields));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Abmelden nicht möglich", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/organisation")).StatusCode);
    }

    [Fact]
    public async Task A_wrong_password_shows_the_German_message_sets_no_cookie_and_is_not_written_back()
    {
        await using var app = await TestApp.StartAsync(seedDemo: false);

        var answer = await SignInForm.SubmitAsync(app, TestApp.OrganiserEmail, "Falsches-Passwort-987");

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal(WrongCredentials, answer.Error);
        Assert.False(answer.HasSession(app.BaseAddress));
        Assert.Equal(TestApp.OrganiserEmail, answer.Page.QuerySelector("input#email")!.GetAttribute("value"));
        Assert.DoesNotContain("Falsches-Passwort-987", answer.Html, StringComparison.Ordinal);
        // The message is tied to the field for screen readers.
        Assert.Equal("login-error", answer.Page.QuerySelector("input#email")!.GetAttribute("aria-describedby"));
    }

    [Fact]
    public async Task An_unknown_e_mail_gets_exactly_the_answer_of_a_wrong_password()
    {
        await using var app = await TestApp.StartAsync(seedDemo: false);

        var wrongPassword = await SignInForm.SubmitAsync(app, TestApp.OrganiserEmail, "Falsches-Passwort-987");
        var unknownEmail = await SignInForm.SubmitAsync(app, "niemand@test.local", "Falsches-Passwort-987");

        Assert.Equal(wrongPassword.Status, unknownEmail.Status);
        Assert.Equal(wrongPassword.Error, unknownEmail.Error);
        Assert.Equal(Comparable(wrongPassword.Html, TestApp.OrganiserEmail), Comparable(unknownEmail.Html, "niemand@test.local"));
    }

    [Fact]
    public async Task After_the_configured_failures_the_account_is_locked_even_for_the_right_password_until_the_lock_expires()
    {
        await using var app = await TestApp.StartAsync(seedDemo: false, extra: StrictLockout);

        for (var attempt = 1; attempt <= 2; attempt++)
        {
            var wrong = await SignInForm.SubmitAsync(app, TestApp.OrganiserEmail, $"Falsch-{attempt}");
            Assert.Equal(HttpStatusCode.BadRequest, wrong.Status);
            Assert.Equal(WrongCredentials, wrong.Error);
        }

        var third = await SignInForm.SubmitAsync(app, TestApp.OrganiserEmail, "Falsch-3");
        Assert.Equal(HttpStatusCode.TooManyRequests, third.Status);
        Assert.Equal(LockedOut, third.Error);

        var right = await SignInForm.SubmitAsync(app, TestApp.OrganiserEmail, TestApp.OrganiserPassword);
        Assert.Equal(HttpStatusCode.TooManyRequests, right.Status);
        Assert.Equal(LockedOut, right.Error);
        Assert.False(right.HasSession(app.BaseAddress));

        app.Time.Advance(TimeSpan.FromMinutes(10) - TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.TooManyRequests, (await SignInForm.SubmitAsync(app, TestApp.OrganiserEmail, TestApp.OrganiserPassword)).Status);

        app.Time.Advance(TimeSpan.FromSeconds(2));
        var afterLock = await SignInForm.SubmitAsync(app, TestApp.OrganiserEmail, TestApp.OrganiserPassword);
        Assert.Equal(HttpStatusCode.Redirect, afterLock.Status);
        Assert.True(afterLock.HasSession(app.BaseAddress));
    }

    [Fact]
    public async Task A_successful_sign_in_starts_the_count_of_failures_afresh()
    {
        await using var app = await TestApp.StartAsync(seedDemo: false, extra: StrictLockout);

        for (var round = 0; round < 3; round++)
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await SignInForm.SubmitAsync(app, TestApp.OrganiserEmail, "Falsch-a")).Status);
            Assert.Equal(HttpStatusCode.BadRequest, (await SignInForm.SubmitAsync(app, TestApp.OrganiserEmail, "Falsch-b")).Status);
            Assert.Equal(HttpStatusCode.Redirect, (await SignInForm.SubmitAsync(app, TestApp.OrganiserEmail, TestApp.OrganiserPassword)).Status);
        }
    }

    [Fact]
    public async Task The_lock_out_of_one_account_leaves_the_others_alone()
    {
        await using var app = await TestApp.StartAsync(seedDemo: false, extra: StrictLockout);
        var (_, moderator) = await app.CreateModeratorAsync("moderation@test.local");

        for (var attempt = 0; attempt < 3; attempt++)
        {
            await SignInForm.SubmitAsync(app, TestApp.OrganiserEmail, "Falsch");
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await SignInForm.SubmitAsync(app, TestApp.OrganiserEmail, TestApp.OrganiserPassword)).Status);
        Assert.Equal(HttpStatusCode.Redirect, (await SignInForm.SubmitAsync(app, moderator, TestApp.OrganiserPassword)).Status);
    }

    [Fact]
    public async Task An_unknown_e_mail_is_locked_out_like_a_real_account_so_the_lock_reveals_nothing()
    {
        await using var app = await TestApp.StartAsync(seedDemo: false, extra: StrictLockout);

        var real = new List<SignInAnswer>();
        var unknown = new List<SignInAnswer>();
        for (var attempt = 0; attempt < 4; attempt++)
        {
            real.Add(await SignInForm.SubmitAsync(app, TestApp.OrganiserEmail, "Falsch"));
            unknown.Add(await SignInForm.SubmitAsync(app, "niemand@test.local", "Falsch"));
        }

        Assert.Equal(real.Select(a => (a.Status, a.Error)), unknown.Select(a => (a.Status, a.Error)));
        Assert.Equal(HttpStatusCode.TooManyRequests, unknown[^1].Status);

        app.Time.Advance(TimeSpan.FromMinutes(11));
        Assert.Equal(WrongCredentials, (await SignInForm.SubmitAsync(app, "niemand@test.local", "Falsch")).Error);
    }

    /// <summary>The page without what differs by nature: the antiforgery token and the address typed in.</summary>
    // The antiforgery token, and the page state Blazor hands to interactive components (it carries
    // the token too), are encrypted anew for every response.
    private static string Comparable(string html, string email) =>
        ComponentState().Replace(AntiforgeryValue().Replace(html, "value=\"TOKEN\""), "<!--STATE-->").Replace(email, "EMAIL", StringComparison.Ordinal);

    [GeneratedRegex("value=\"CfDJ[^\"]+\"")]
    private static partial Regex AntiforgeryValue();

    [GeneratedRegex("<!--Blazor-Server-Component-State:[^>]*-->")]
    private static partial Regex ComponentState();
}

/// <summary>Where a sign-in lands: only ever on this site (one app for all rows; every sign-in here succeeds).</summary>
public sealed class ReturnUrlTests(ReturnUrlTests.Site site) : IClassFixture<ReturnUrlTests.Site>
{
    public sealed class Site : IAsyncLifetime
    {
        public TestApp App { get; private set; } = null!;

        public async ValueTask InitializeAsync() => App = await TestApp.StartAsync(seedDemo: false);

        public async ValueTask DisposeAsync() => await App.DisposeAsync();
    }

    public static TheoryData<string> ForeignReturnUrls() =>
    [
        "//evil.example",
        "//evil.example/organisation",
        "https://evil.example",
        "http://evil.example/organisation",
        "/\\evil.example",
        "/\t/evil.example",
        "/\n/evil.example",
        "\\\\evil.example",
        "javascript:alert(1)",
        "organisation",
        "",
    ];

    [Theory]
    [MemberData(nameof(ForeignReturnUrls))]
    public async Task A_return_address_off_this_site_lands_on_the_organisation_page(string returnUrl)
    {
        var app = site.App;
        var answer = await SignInForm.SubmitAsync(app, TestApp.OrganiserEmail, TestApp.OrganiserPassword, returnUrl);

        Assert.Equal(HttpStatusCode.Redirect, answer.Status);
        Assert.Equal(app.BaseAddress.Authority, answer.Location!.Authority);
        Assert.Equal("/organisation", answer.Location.PathAndQuery);
    }

    [Theory]
    [InlineData("/organisation/veranstaltungen/neu")]
    [InlineData("/organisation/series/neu?x=1")]
    public async Task A_return_address_on_this_site_is_where_the_sign_in_lands(string returnUrl)
    {
        var app = site.App;
        var answer = await SignInForm.SubmitAsync(app, TestApp.OrganiserEmail, TestApp.OrganiserPassword, returnUrl);

        Assert.Equal(HttpStatusCode.Redirect, answer.Status);
        Assert.Equal(app.BaseAddress.Authority, answer.Location!.Authority);
        Assert.Equal(returnUrl, answer.Location.PathAndQuery);
    }
}
