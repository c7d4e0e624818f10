using System.Net;
using OzgLive.Tests.Accounts;
using OzgLive.Tests.Infrastructure;
using OzgLive.Tests.Organisers;
using OzgLive.Web.Accounts;
using OzgLive.Web.Live;

namespace OzgLive.Tests.Security;

/// <summary>Finding 1 (ASVS 7.4.1-7.4.3): sessions the server can end, on pages and on the hub.</summary>
public sealed class SessionTests
{
    [Fact]
    public async Task After_signing_out_a_saved_copy_of_the_cookie_no_longer_opens_the_organiser_pages()
    {
        await using var app = await TestApp.StartAsync(seedDemo: false);
        var cookies = await app.SignInAsync();
        var saved = Copy(cookies, app.BaseAddress);

        await SignOutAsync(app, cookies);

        using var http = app.CreateClient(saved);
        using var organisation = await http.GetAsync("/organisation");
        Assert.Equal(HttpStatusCode.Redirect, organisation.StatusCode);
        Assert.Equal("/login", new Uri(app.BaseAddress, organisation.Headers.Location!).AbsolutePath);
    }

    [Fact]
    public async Task Signing_out_ends_only_that_session_and_signing_out_everywhere_ends_all()
    {
        await using var app = await TestApp.StartAsync(seedDemo: false);
        var laptop = await app.SignInAsync();
        var phone = await app.SignInAsync();
        var tablet = await app.SignInAsync();

        await SignOutAsync(app, laptop);
        Assert.Equal(HttpStatusCode.OK, await StatusOfOrganisationAsync(app, phone));

        await SignOutAsync(app, phone, everywhere: true);
        Assert.Equal(HttpStatusCode.Redirect, await StatusOfOrganisationAsync(app, tablet));
    }

    [Fact]
    public async Task A_password_change_a_lock_out_and_removal_each_end_the_accounts_sessions()
    {
        await using var app = await TestApp.StartAsync(seedDemo: false, extra: new Dictionary<string, string?> { ["Accounts:MaxFailedSignIns"] = "2" });
        var accounts = app.Get<AccountStore>();
        var changed = await accounts.CreateAsync("wechsel@test.local", "Wechsel", AccountRoles.Organiser, TestApp.OrganiserPassword);
        var locked = await accounts.CreateAsync("sperre@test.local", "Sperre", AccountRoles.Organiser, TestApp.OrganiserPassword);
        var removed = await accounts.CreateAsync("weg@test.local", "Weg", AccountRoles.Organiser, TestApp.OrganiserPassword);
        var changedSession = await app.SignInAsync(changed.Email, TestApp.OrganiserPassword);
        var lockedSession = await app.SignInAsync(locked.Email, TestApp.OrganiserPassword);
        var removedSession = await app.SignInAsync(removed.Email, TestApp.OrganiserPassword);
        Assert.Equal(HttpStatusCode.OK, await StatusOfOrganisationAsync(app, lockedSession));

        await accounts.ChangePasswordAsync(changed.Id, "Ganz-neues-Passwort-2026");
        await SignInForm.SubmitAsync(app, locked.Email, "falsch-1");
        await SignInForm.SubmitAsync(app, locked.Email, "falsch-2");
        await accounts.RemoveAsync(removed.Id);

        Assert.Equal(HttpStatusCode.Redirect, await StatusOfOrganisationAsync(app, changedSession));
        Assert.Equal(HttpStatusCode.Redirect, await StatusOfOrganisationAsync(app, lockedSession));
        Assert.Equal(HttpStatusCode.Redirect, await StatusOfOrganisationAsync(app, removedSession));
    }

    internal static async Task SignOutAsync(TestApp app, CookieContainer cookies, bool everywhere = false)
    {
        using var http = app.CreateClient(cookies);
        var home = OrganiserSite.Parse(await http.GetStringAsync("/"));
        var token = home.QuerySelector("form[action='/logout'] input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
        var fields = new Dictionary<string, string> { ["__RequestVerificationToken"] = token };
        if (everywhere)
        {
            fields["scope"] = "everywhere";
        }

        using var response = await http.PostAsync("/logout", new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    private static async Task<HttpStatusCode> StatusOfOrganisationAsync(TestApp app, CookieContainer cookies)
    {
        using var http = app.CreateClient(cookies);
        using var response = await http.GetAsync("/organisation");
        return response.StatusCode;
    }

    private static CookieContainer Copy(CookieContainer cookies, Uri site)
    {
        var copy = new CookieContainer();
        foreach (Cookie cookie in cookies.GetCookies(site))
        {
            copy.Add(site, new Cookie(cookie.Name, cookie.Value, cookie.Path));
        }

        return copy;
    }
}

/// <summary>Finding 1 on the hub: an ended session ends its open connections too.</summary>
public sealed class SessionHubTests(LiveFixture fixture) : IClassFixture<LiveFixture>
{
    [Fact]
    public async Task Signing_out_drops_the_open_console_of_that_session_with_AccessRevoked()
    {
        var app = fixture.App;
        var ev = await fixture.CreateEventAsync();
        var (_, email) = await app.CreateModeratorAsync($"konsole-{Guid.NewGuid():N}@test.local", ev.Id);
        var cookies = await app.SignInAsync(email, TestApp.OrganiserPassword);
        await using var console = await app.ConnectAsync(cookies);
        Assert.Equal("moderator", (await console.InvokeAsync("JoinEvent", ev.Slug)).GetProperty("role").GetString());

        await SessionTests.SignOutAsync(app, cookies);

        var revoked = await console.WaitForAsync(ServerMessages.AccessRevoked);
        Assert.Equal(ev.Id, revoked.GetProperty("eventId").GetInt64());
        await console.Closed.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_hub_call_with_a_session_ended_elsewhere_is_refused_and_the_connection_closed()
    {
        var app = fixture.App;
        var ev = await fixture.CreateEventAsync();
        var (accountId, email) = await app.CreateModeratorAsync($"zweite-{Guid.NewGuid():N}@test.local", ev.Id);
        await using var console = await app.ConnectAsync(await app.SignInAsync(email, TestApp.OrganiserPassword));
        await console.InvokeAsync("JoinEvent", ev.Slug);

        // Ended straight in the database, so no notification reaches the connection: the call's own check must catch it.
        await using (var connection = app.Get<OzgLive.Web.Storage.Database>().Open())
        {
            using var delete = connection.CreateCommand();
            delete.CommandText = $"DELETE FROM account_sessions WHERE account_id = {accountId}";
            await delete.ExecuteNonQueryAsync();
        }

        // The connection is dropped in the middle of the call: the call fails either way.
        await Assert.ThrowsAnyAsync<Exception>(() => console.InvokeAsync("StartEvent", ev.Id, 0L));
        var revoked = await console.WaitForAsync(ServerMessages.AccessRevoked);
        Assert.Equal(ev.Id, revoked.GetProperty("eventId").GetInt64());
        await console.Closed.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(OzgLive.Web.Clock.ClockPhase.NotStarted, (await app.Get<OzgLive.Web.Clock.ClockService>().ReadAsync(ev.Id))!.Value.Clock.Phase);
    }
}
