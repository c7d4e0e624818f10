using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace OzgLive.ComponentTests.Stage;

/// <summary>The presenter screen's components with their real texts (StageTexts.resx), German unless a test asks for English.</summary>
public abstract class StageComponentTest : BunitContext
{
    protected StageComponentTest() => Services.AddLocalization();

    protected IRenderedComponent<T> Show<T>(Action<ComponentParameterCollectionBuilder<T>> parameters, string culture = "de-DE")
        where T : IComponent
    {
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        return Render(parameters);
    }

    /// <summary>The element's text with runs of white space (from the markup's line breaks) as one space.</summary>
    protected static string Text(AngleSharp.Dom.IElement element) =>
        System.Text.RegularExpressions.Regex.Replace(element.TextContent, @"\s+", " ").Trim();
}
