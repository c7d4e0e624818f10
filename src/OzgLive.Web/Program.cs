using OzgLive.Web;
using OzgLive.Web.Accounts;
using OzgLive.Web.Calendar;
using OzgLive.Web.Channels;
using OzgLive.Web.Components;
using OzgLive.Web.Demo;
using OzgLive.Web.Events;
using OzgLive.Web.Health;
using OzgLive.Web.Hosting;
using OzgLive.Web.Live;
using OzgLive.Web.Localization;
using OzgLive.Web.Metrics;
using OzgLive.Web.Moderation;
using OzgLive.Web.Polls;
using OzgLive.Web.Questions;
using OzgLive.Web.Replay;
using OzgLive.Web.ScaleOut;
using OzgLive.Web.Security;
using OzgLive.Web.Storage;

var app = OzgLiveApp.Build(args);
try
{
    await app.PrepareAsync();
}
catch (Exception ex) when (ex is StorageUnavailableException or ScaleOutUnavailableException)
{
    // One sentence that names the folder or server and the setting, not a stack trace (Storage/DataFolder.cs, ScaleOut/RedisConnection.cs).
    app.Logger.LogCritical("OzgLive cannot start: {Reason}", ex.Message);
    return 1;
}

await app.RunAsync();
return 0;

namespace OzgLive.Web
{
    /// <summary>The table of contents: each feature adds its services and maps its endpoints.</summary>
    public static class OzgLiveApp
    {
        /// <param name="configure">Lets tests swap services (a fake clock) before the app is built.</param>
        public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
        {
            var hostSettings = new ConfigurationBuilder()
                .AddEnvironmentVariables("DOTNET_").AddEnvironmentVariables("ASPNETCORE_").AddCommandLine(args).Build();
            var builder = WebApplication.CreateBuilder(new WebApplicationOptions
            {
                Args = args,
                // The tests' host runs inside the test assembly; the static web assets manifests are
                // named after this one (OzgLive.Web.staticwebassets.*.json).
                ApplicationName = typeof(OzgLiveApp).Assembly.GetName().Name,
                ContentRootPath = ContentRootLocator.Locate(hostSettings[WebHostDefaults.ContentRootKey]),
            });

            builder.Services.AddSingleton(TimeProvider.System);
            // A live client reconnecting while the server stops could otherwise hold the shutdown
            // for the default 30 s; five is plenty to finish sending and close connections.
            builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromSeconds(5));
            builder.AddProxySupport();
            builder.AddSecurity();
            builder.AddWire();
            builder.AddStorage();
            builder.AddAccounts();
            builder.AddEvents();
            // Before AddLive: the interactive staff screens bring SignalR's defaults, which AddLive adjusts.
            builder.AddPages();
            builder.AddLive();
            builder.AddQuestions();
            builder.AddPolls();
            builder.AddModeration();
            builder.AddReplay();
            builder.AddCalendar();
            builder.AddChannels();
            builder.AddDemoContent();
            builder.AddOzgLocalization();
            builder.AddMetrics();
            configure?.Invoke(builder);
            // These two read their settings while registering: after every configuration source, tests' included.
            builder.AddKeyStorage();
            builder.AddScaleOut();

            var app = builder.Build();
            app.UseForwardedHeaders();
            app.UseSecurityHeaders();
            if (!app.Environment.IsDevelopment())
            {
                app.UseExceptionHandler("/fehler", createScopeForErrors: true);
            }

            // Stays outside the branch below: its re-execution needs the main pipeline's routing.
            app.UseStatusCodePagesWithReExecute("/nicht-gefunden");

            // The hub needs the sign-in cookie (moderators); anonymous viewers' hub requests skip
            // authentication and authorization (see UseCookieSignIn). Antiforgery stays for every
            // request: for the hub's endpoint (no antiforgery metadata) it just passes the request on.
            app.UseHubOriginCheck();
            app.UseHubConnectionLimit();
            app.UseCookieSignIn();

            // Pages only: the hub's WebSocket requests live as long as the connection, and these would
            // stay on each one's stack for nothing (the hub has no languages and compresses nothing).
            app.UseWhen(context => !LiveHub.IsHubRequest(context), pages =>
            {
                pages.UseOzgLocalization();
                pages.UseHtmlCompression();
            });
            app.UseEmbedFraming();
            app.UseEndpointAuthorization();
            app.UseAntiforgery();

            app.MapStaticAssets();
            app.MapHealth();
            app.MapMetrics();
            app.MapAccounts();
            app.MapLive();
            app.MapReplay();
            app.MapCalendar();
            app.MapChannels();
            app.MapLanguageSwitch();
            app.MapPages();
            return app;
        }

        /// <summary>Migrates, creates the first organiser, seeds demo content and joins the other nodes (if any) before serving.</summary>
        public static async Task PrepareAsync(this WebApplication app)
        {
            app.MigrateDatabase();
            await app.EnsureInitialOrganiserAsync();
            await app.SeedDemoContentAsync();
            await app.ConnectScaleOutAsync();
        }
    }
}
