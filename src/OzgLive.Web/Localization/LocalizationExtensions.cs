using System.Globalization;
using Humanizer.Configuration;
using Microsoft.AspNetCore.Localization;

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
        builder.Services.Configure<RequestLocalizationOptions>(options =>
        {
            options.DefaultRequestCulture = new RequestCulture(German);
            options.SupportedCultures = [German, English];
            options.SupportedUICultures = [German, English];
            // No Accept-Language: these are German public-sector pages; English only on request.
            options.RequestCultureProviders =
            [
                // ?lang=en or ?lang=de for one request. ("en" itself is no supported culture, so the
                // plain query provider would ignore it: map the language to its culture, as /sprache/ does.)
                new CustomRequestCultureProvider(context =>
                {
                    var lang = context.Request.Query["lang"].ToString();
                    var chosen = lang.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? English
                        : lang.StartsWith("de", StringComparison.OrdinalIgnoreCase) ? German
                        : null;
                    return Task.FromResult(chosen is null ? null : new ProviderCultureResult(chosen.Name));
                }),
                new CookieRequestCultureProvider(),
            ];
        });
        Configurator.Formatters.Register("de", _ => new GermanHumanizerFormatter());
        return builder;
    }

    public static IApplicationBuilder UseOzgLocalization(this IApplicationBuilder app) => app.UseRequestLocalization();

    /// <summary>GET /sprache/en?zurueck=/events/x sets the language cookie and returns to the page.</summary>
    public static IEndpointRouteBuilder MapLanguageSwitch(this IEndpointRouteBuilder app)
    {
        app.MapGet("/sprache/{culture}", (string culture, string? zurueck, HttpContext context) =>
        {
            var chosen = culture.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? English : German;
            context.Response.Cookies.Append(
                CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
                new CookieOptions { MaxAge = TimeSpan.FromDays(365), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true });
            var target = zurueck is { Length: > 0 } && zurueck.StartsWith('/') && !zurueck.StartsWith("//", StringComparison.Ordinal) && !zurueck.StartsWith("/\\", StringComparison.Ordinal)
                ? zurueck
                : "/";
            return TypedResults.LocalRedirect(target);
        });
        return app;
    }
}
