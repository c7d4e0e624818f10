using System.Globalization;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Options;
using OzgLive.Web.Live;
using OzgLive.Web.Security;

namespace OzgLive.Web.Localization;

/// <summary>
/// German is the default language of every page; English can be chosen and is kept in a cookie.
/// All visible strings live in Strings.resx (German) and Strings.en.resx (English).
/// </summary>
public static class LocalizationExtensions
{
    public static readonly CultureInfo German = CultureInfo.GetCultureInfo("de-DE");
    public static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    public static IHostApplicationBuilder AddOzgLocalization(this IHostApplicationBuilder builder)
    {
        builder.Services.AddLocalization();
        builder.Services.AddOptions<RequestLocalizationOptions>().Configure<IOptions<SiteOptions>>((options, site) =>
        {
            options.DefaultRequestCulture = new RequestCulture(German);
            options.SupportedCultures = [German, English];
            options.SupportedUICultures = [German, English];
            // No Accept-Language: these are German public-sector pages; English only on request.
            options.RequestCultureProviders =
            [
                // "?lang=en" names a language, not one of the supported cultures (en-GB): the stock
                // query provider would find no match for it and fall back to German.
                new CustomRequestCultureProvider(context => Task.FromResult(
                    context.Request.Query["lang"].ToString() is { Length: > 0 } lang
                        ? new ProviderCultureResult(Choose(lang).Name)
                        : null)),
                new CookieRequestCultureProvider { CookieName = CookieName(site.Value) },
            ];
        });
        return builder;
    }

    public static IApplicationBuilder UseOzgLocalization(this IApplicationBuilder app) => app.UseRequestLocalization();

    /// <summary>GET /sprache/en?zurueck=/events/x sets the language cookie and returns to the page.</summary>
    public static IEndpointRouteBuilder MapLanguageSwitch(this IEndpointRouteBuilder app)
    {
        app.MapGet("/sprache/{culture}", (string culture, string? zurueck, HttpContext context, IOptions<SiteOptions> site) =>
        {
            var chosen = Choose(culture);
            context.Response.Cookies.Append(
                CookieName(site.Value),
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
                SiteCookies.Options(context, site.Value, new CookieOptions { MaxAge = TimeSpan.FromDays(365), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true }));
            var target = zurueck is { Length: > 0 } && zurueck.StartsWith('/') && !zurueck.StartsWith("//", StringComparison.Ordinal) && !zurueck.StartsWith("/\\", StringComparison.Ordinal)
                ? zurueck
                : "/";
            return TypedResults.LocalRedirect(target);
        });
        return app;
    }

    private static string CookieName(SiteOptions site) => SiteCookies.Name(CookieRequestCultureProvider.DefaultCookieName, site);

    /// <summary>English for "en", "en-GB", "en-US" …; German for everything else.</summary>
    private static CultureInfo Choose(string language) =>
        language.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? English : German;
}
