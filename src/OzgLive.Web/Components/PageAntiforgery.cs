using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Components.Forms;

namespace OzgLive.Web.Components;

/// <summary>
/// The antiforgery token for a page's forms, made only when a form asks for it (as before the staff
/// screens became interactive). Blazor's own provider hands the token to interactive components
/// through the page's persisted state, which makes one on every page and marks every response
/// no-store, public replay pages included; the interactive screens post no forms and need none.
/// </summary>
public sealed class PageAntiforgery(IAntiforgery antiforgery, IHttpContextAccessor request) : AntiforgeryStateProvider
{
    public override AntiforgeryRequestToken? GetAntiforgeryToken()
    {
        // No request inside a circuit: nothing there posts a form.
        if (request.HttpContext is not { } context || context.WebSockets.IsWebSocketRequest)
        {
            return null;
        }

        var tokens = antiforgery.GetAndStoreTokens(context);
        return tokens.RequestToken is null ? null : new AntiforgeryRequestToken(tokens.RequestToken, tokens.FormFieldName);
    }
}
