using System.Security.Claims;
using Dapper;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OzgLive.ComponentTests.Layout;
using OzgLive.Web.Accounts;
using OzgLive.Web.Clock;
using OzgLive.Web.Demo;
using OzgLive.Web.Events;
using OzgLive.Web.Live;
using OzgLive.Web.Storage;

namespace OzgLive.ComponentTests.Coverage;

/// <summary>
/// A page context over a real SQLite file with the demo content and the app's own services, for
/// pages that read and write the database. The request (HttpContext) is handed to the page as the
/// cascading value the server gives it, carrying the signed-in account the test chooses.
/// </summary>
public abstract class AppPageContext : PageTestContext
{
    private readonly DemoDatabase db;

    protected AppPageContext(bool demo = true)
    {
        db = DemoDatabase.CreateAsync(demo).GetAwaiter().GetResult();
        Services.AddLogging();
        Services.AddSignalR();
        Services.AddSingleton(db.Database);
        Services.AddSingleton(TimeProvider.System);
        Services.AddMetrics();
        Services.AddSingleton<OzgLive.Web.Metrics.OzgLiveMetrics>();
        Services.AddSingleton(Options.Create(new AccountOptions()));
        Services.AddSingleton<AccountSessions>();
        Services.AddSingleton<AccountStore>();
        Services.AddSingleton<OzgLive.Web.Security.SiteAddress>();
        Services.AddSingleton<EventStore>();
        Services.AddSingleton<EventEditor>();
        Services.AddSingleton<EventLocks>();
        Services.AddSingleton<EventChanges>();
        Services.AddSingleton<EventBroadcasts>();
        Services.AddSingleton<ViewerConnections>();
        Services.AddSingleton<SnapshotReader>();
        // The event page links to a published replay.
        Services.AddSingleton<OzgLive.Web.Replay.TranscriptStore>();
        Services.AddSingleton<OzgLive.Web.Replay.ReplayReader>();
        Services.AddSingleton<PresenterKeys>();
        Services.AddSingleton<StaffConnections>();
        Services.AddSingleton<ViewerCounter>();
        Services.AddSingleton<EventAccess>();
        Services.AddSingleton<ClockService>();
    }

    protected Database Database => db.Database;

    protected Task SetStatusAsync(string slug, string status) => db.SetStatusAsync(slug, status);

    protected async Task<long> EventIdAsync(string slug = DemoContent.SpotOnOzgSlug)
    {
        await using var connection = Database.Open();
        return await connection.ExecuteScalarAsync<long>("SELECT id FROM events WHERE slug = @slug", new { slug });
    }

    protected Task<Account> CreateAccountAsync(string email, string name, string role) =>
        Services.GetRequiredService<AccountStore>().CreateAsync(email, name, role, "ein-langes-passwort-1");

    /// <summary>The request as the cookie handler leaves it: signed in with this account, or anonymous.</summary>
    protected static DefaultHttpContext Request(Account? account = null) => new()
    {
        User = account is null
            ? new ClaimsPrincipal(new ClaimsIdentity())
            : AccountClaims.Create(account, CookieAuthenticationDefaults.AuthenticationScheme),
    };

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        db.Dispose();
    }
}
