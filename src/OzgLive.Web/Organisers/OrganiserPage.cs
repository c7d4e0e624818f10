using Microsoft.AspNetCore.Components;

namespace OzgLive.Web.Organisers;

/// <summary>What every organiser page needs: the request, redirects after a POST, and the notice after that redirect.</summary>
public abstract class OrganiserPage : ComponentBase
{
    [CascadingParameter]
    protected HttpContext HttpContext { get; set; } = default!;

    [Inject]
    protected NavigationManager Navigation { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "gespeichert")]
    protected string? SavedFlag { get; set; }

    [SupplyParameterFromQuery(Name = "hinweis")]
    protected string? NoticeCode { get; set; }

    /// <summary>The success notice carried over the redirect, if any.</summary>
    protected string? Notice => SavedFlag is "1" ? OrganiserNotices.Saved : OrganiserNotices.Text(NoticeCode);

    /// <summary>
    /// POST-redirect-GET: reloading the page afterwards shows the result instead of sending the form again.
    /// Callers return right after this.
    /// </summary>
    protected void RedirectTo(string url) => Navigation.NavigateTo(url);

    /// <summary>The form comes back with its messages and a status that says the input was refused.</summary>
    protected void Refused(int statusCode = StatusCodes.Status400BadRequest) => HttpContext.Response.StatusCode = statusCode;
}
