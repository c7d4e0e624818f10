using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Options;
using OzgLive.Web.Storage;

namespace OzgLive.Web.Accounts;

public static class AccountsExtensions
{
    public const string OrganiserPolicy = "organiser";

    public static IHostApplicationBuilder AddAccounts(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AccountOptions>()
            .Configure(options =>
            {
                // A newcomer's `dotnet run` (Development) gets a known first organiser; everywhere
                // else the password must come from configuration.
                if (builder.Environment.IsDevelopment())
                {
                    options.InitialOrganiser.Email = "organisation@ozglive.local";
                    options.InitialOrganiser.Password = "ozglive-dev-2026";
                }
            })
            .BindConfiguration("Accounts");
        builder.Services.AddSingleton<AccountStore>();

        // Sign-in cookies and antiforgery tokens are encrypted with keys kept beside the database,
        // so they survive a restart or a new container on the same data volume.
        builder.Services.AddDataProtection().SetApplicationName("OzgLive");
        builder.Services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(services =>
            new ConfigureOptions<KeyManagementOptions>(options =>
            {
                var database = services.GetRequiredService<Database>();
                var folder = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(database.FilePath)) ?? ".", "keys");
                options.XmlRepository = new FileSystemXmlRepository(new DirectoryInfo(folder), services.GetRequiredService<ILoggerFactory>());
            }));

        builder.Services
            .AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(options =>
            {
                options.LoginPath = "/login";
                options.LogoutPath = "/logout";
                options.AccessDeniedPath = "/kein-zugriff";
                options.Cookie.Name = "ozglive.auth";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.ExpireTimeSpan = TimeSpan.FromHours(12);
                options.SlidingExpiration = true;
            });
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(OrganiserPolicy, policy => policy.RequireRole(AccountRoles.Organiser));
        builder.Services.AddCascadingAuthenticationState();
        return builder;
    }

    public static IEndpointRouteBuilder MapAccounts(this IEndpointRouteBuilder app)
    {
        // Sign-out is a POST with an antiforgery token so that no other site can sign a moderator out.
        // The antiforgery middleware only checks endpoints that bind a form, so this one checks itself.
        app.MapPost("/logout", async (HttpContext context, IAntiforgery antiforgery) =>
        {
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                return Results.Text(
                    "Abmelden nicht möglich: Die Seite war veraltet. Bitte die Seite neu laden und erneut abmelden.",
                    "text/plain; charset=utf-8",
                    statusCode: StatusCodes.Status400BadRequest);
            }

            await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.LocalRedirect("/");
        });
        return app;
    }

    public static async Task EnsureInitialOrganiserAsync(this IHost app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("OzgLive.Accounts");
        await app.Services.GetRequiredService<AccountStore>().EnsureInitialOrganiserAsync(logger);
    }
}
