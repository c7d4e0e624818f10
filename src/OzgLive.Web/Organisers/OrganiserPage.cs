using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using OzgLive.Web.Localization;

namespace OzgLive.Web.Organisers;

/// <summary>What every organiser page needs: the request, its texts, redirects after a POST, and the notice after that redirect.</summary>
public abstract class OrganiserPage : ComponentBase
{
    [CascadingParameter]
    protected HttpContext HttpContext { get; set; } = default!;

    [Inject]
    protected NavigationManager Navigation { get; set; } = default!;

    /// <summary>The organiser pages' own texts (OrganiserTexts.resx).</summary>
    [Inject]
    protected IStringLocalizer<OrganiserTexts> T { get; set; } = default!;

    /// <summary>The site's shared texts (Strings.resx): page title, status names.</summary>
    [Inject]
    protected IStringLocalizer<Strings> S { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "gespeichert")]
    protected string? SavedFlag { get; set; }

    [SupplyParameterFromQuery(Name = "hinweis")]
    protected string? NoticeCode { get; set; }

    /// <summary>The success notice carried over the redirect, if any.</summary>
    protected string? Notice => SavedFlag is "1"
        ? T["Notice_Saved"].Value
        : OrganiserNotices.Key(NoticeCode) is string key ? T[key, ClockControls.ExtendMinutes].Value : null;

    /// <summary>
    /// The lang attribute for messages that exist only in German (the domain's validation and the
    /// clock's refusals): on an English page a screen reader then still reads them in German.
    /// </summary>
    protected static string? GermanOnly => LanguageSwitch.IsEnglish ? "de" : null;

    /// <summary>
    /// POST-redirect-GET: reloading the page afterwards shows the result instead of sending the form again.
    /// Callers return right after this.
    /// </summary>
    protected void RedirectTo(string url) => Navigation.NavigateTo(url);

    /// <summary>The form comes back with its messages and a status that says the input was refused.</summary>
    protected void Refused(int statusCode = StatusCodes.Status400BadRequest) => HttpContext.Response.StatusCode = statusCode;
}
