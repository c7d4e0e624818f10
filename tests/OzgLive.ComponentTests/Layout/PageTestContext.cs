using System.Globalization;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;

namespace OzgLive.ComponentTests.Layout;

/// <summary>
/// A bunit context with what the server-rendered pages need: the real resource files, the page's
/// language (German unless a test picks English), and an antiforgery token for the sign-out form.
/// </summary>
public abstract class PageTestContext : BunitContext
{
    private readonly CultureInfo culture = CultureInfo.CurrentCulture;
    private readonly CultureInfo uiCulture = CultureInfo.CurrentUICulture;

    protected PageTestContext()
    {
        Services.AddLocalization();
        Services.AddSingleton<AntiforgeryStateProvider>(new FixedAntiforgery());
        UseLanguage("de-DE");
    }

    /// <summary>What the request localization middleware does for a request in this language.</summary>
    protected static void UseLanguage(string name)
    {
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(name);
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(name);
    }

    protected override void Dispose(bool disposing)
    {
        CultureInfo.CurrentCulture = culture;
        CultureInfo.CurrentUICulture = uiCulture;
        base.Dispose(disposing);
    }

    private sealed class FixedAntiforgery : AntiforgeryStateProvider
    {
        public override AntiforgeryRequestToken GetAntiforgeryToken() => new("test-token", "__RequestVerificationToken");
    }
}
