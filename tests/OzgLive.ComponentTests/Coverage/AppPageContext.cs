using System.Security.Claims;
using Dapper;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OzgLive.ComponentTests.Layout;
using OzgLive.Web.Accounts;
using OzgLive.Web.Channels;
using OzgLive.Web.Demo;
using OzgLive.Web.Events;
using OzgLive.Web.Live;
using OzgLive.Web.Metrics;
using OzgLive.Web.Moderation;
using OzgLive.Web.Polls;
using OzgLive.Web.Questions;
using OzgLive.Web.Replay;
using OzgLive.Web.Security;
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

    /// <param name="time">The app's clock; a FakeTimeProvider for tests that advance time.</param>
    protected AppPageContext(bool demo = true, TimeProvider? time = null)
    {
        db = DemoDatabase.CreateAsync(demo).GetAwaiter().GetResult();
        // The app's services as its features register them (the calls OzgLiveApp.Build makes), so a
        // service a feature adds is here too. Storage is left out: the test's own SQLite file stands
        // in for the data folder. Nothing is started: bunit runs no hosted services.
        var app = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        app.AddSecurity();
        app.AddAccounts();
        app.AddEvents();
        app.AddLive();
        app.AddQuestions();
        app.AddPolls();
        app.AddModeration();
        app.AddReplay();
        app.AddChannels();
        app.AddMetrics();
        foreach (var service in app.Services)
        {
            Services.Add(service);
        }

        // What Program.cs and the host provide around the features, and what the test decides.
        Services.AddSingleton(db.Database);
        Services.AddSingleton(time ?? TimeProvider.System);
        Services.AddSingleton<AuthenticationStateProvider>(Circuit);
        // Drafts go to the tab's session storage through JS interop, which bunit answers loosely.
        Services.AddDataProtection().UseEphemeralDataProtectionProvider();
        Services.AddScoped<Microsoft.AspNetCore.Components.Server.ProtectedBrowserStorage.ProtectedSessionStorage>();
        JSInterop.Mode = JSRuntimeMode.Loose;
        // The staff screens run over a circuit: interactive on the server.
        SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));
    }

    /// <summary>Who the interactive components' circuit belongs to (the server takes it from the request that opened it).</summary>
    protected CircuitUser Circuit { get; } = new();

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

    /// <summary>Signs the circuit in as the request's user, as the server does when the circuit starts.</summary>
    protected T AsCircuitUser<T>(T request)
        where T : HttpContext
    {
        Circuit.User = request.User;
        return request;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        db.Dispose();
    }
}

/// <summary>The authentication state an interactive component sees; a test changes the user.</summary>
public sealed class CircuitUser : AuthenticationStateProvider
{
    public ClaimsPrincipal User { get; set; } = new(new ClaimsIdentity());

    public override Task<AuthenticationState> GetAuthenticationStateAsync() => Task.FromResult(new AuthenticationState(User));
}
