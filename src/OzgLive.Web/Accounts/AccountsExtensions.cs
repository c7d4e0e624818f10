using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using OzgLive.Web.Live;
using OzgLive.Web.Security;

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

        builder.Services.AddSingleton<AccountSessions>();
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
                // The cookie alone proves nothing once its session has ended (sign-out elsewhere,
                // lock-out, password change): every request checks the server's own record.
                options.Events.OnValidatePrincipal = async context =>
                {
                    if (context.Principal is not { } user || await context.HttpContext.RequestServices.GetRequiredService<AccountSessions>().IsActiveAsync(user))
                    {
                        return;
                    }

                    if (AccountClaims.AccountId(user) is long accountId)
                    {
                        SecurityLog.EndedSessionRefused(context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(SecurityLog.Category), accountId);
                    }

                    context.RejectPrincipal();
                    await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
                };
            });
        // "__Host-" and Secure where the site is served over https only (SiteCookies).
        builder.Services.AddOptions<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme)
            .Configure<IOptions<SiteOptions>>((options, site) => SiteCookies.Harden(options.Cookie, site.Value));
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(OrganiserPolicy, policy => policy.RequireRole(AccountRoles.Organiser));
        builder.Services.AddCascadingAuthenticationState();
        return builder;
    }

    /// <summary>
    /// Signs a request in from the sign-in cookie. The hub's requests without that cookie (every
    /// anonymous viewer's) skip it: it would only find "anonymous", and a WebSocket request stays
    /// inside every middleware for the connection's whole life, so it kept a cookie handler, its result
    /// and a waiting state machine (about 0.8 KB) alive per viewer. Moderators send the cookie.
    /// </summary>
    public static WebApplication UseCookieSignIn(this WebApplication app)
    {
        var cookie = app.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>()
            .Get(CookieAuthenticationDefaults.AuthenticationScheme).Cookie.Name!;
        app.UseWhen(context => !LiveHub.IsHubRequest(context) || context.Request.Cookies.ContainsKey(cookie), signIn => signIn.UseAuthentication());
        // UseWhen marks only its branch as authenticated; unmarked, WebApplication would put a second
        // UseAuthentication in front of everything (framework key; if it ever changes, requests are
        // just authenticated twice).
        ((IApplicationBuilder)app).Properties["__AuthenticationMiddlewareSet"] = true;
        return app;
    }

    /// <summary>
    /// Checks endpoints' authorization metadata. The hub's requests skip it while its endpoint has
    /// none and there is no fallback policy: there is nothing to check then, and the middleware would
    /// stay on every WebSocket connection's stack (with an Items dictionary it writes) for its whole
    /// life. The hub checks roles itself (LiveHubFilter).
    /// </summary>
    public static WebApplication UseEndpointAuthorization(this WebApplication app)
    {
        var fallback = app.Services.GetRequiredService<IOptions<AuthorizationOptions>>().Value.FallbackPolicy;
        app.UseWhen(context => !(LiveHub.IsHubRequest(context) && fallback is null && HasNoAuthorizationMetadata(context.GetEndpoint())), authorize => authorize.UseAuthorization());
        // As in UseCookieSignIn: otherwise WebApplication would add another in front of everything.
        ((IApplicationBuilder)app).Properties["__AuthorizationMiddlewareSet"] = true;
        return app;
    }

    private static bool HasNoAuthorizationMetadata(Endpoint? endpoint) =>
        endpoint is null
        || (endpoint.Metadata.GetMetadata<IAuthorizeData>() is null
            && endpoint.Metadata.GetMetadata<IAuthorizationRequirementData>() is null
            && endpoint.Metadata.GetMetadata<AuthorizationPolicy>() is null);

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

            // The session ends on the server, not only in this browser: a copied cookie stops working too.
            var sessions = context.RequestServices.GetRequiredService<AccountSessions>();
            if (context.Request.Form["scope"] == "everywhere" && AccountClaims.AccountId(context.User) is long accountId)
            {
                await sessions.EndAllAsync(accountId, SessionEndReason.SignedOutEverywhere);
            }
            else
            {
                await sessions.EndAsync(context.User);
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
