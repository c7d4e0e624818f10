using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace OzgLive.Web.Questions;

/// <summary>
/// Anonymous viewers: the server issues a random viewer id together with a token that proves it.
/// The browser keeps the token (localStorage) and presents it on every connection; only the server
/// can make tokens, so nobody can act as another viewer by sending a different id.
/// </summary>
public sealed class ViewerIdentity(IDataProtectionProvider protection, RateLimits limits, IOptions<QuestionOptions> options)
{
    private readonly IDataProtector protector = protection.CreateProtector("OzgLive.Viewer.v1");

    /// <summary>A new viewer id and its token, for a caller at <paramref name="address"/>.</summary>
    /// <exception cref="QuestionException">rate-limited: this address got too many new ids this minute.</exception>
    public async Task<(string ViewerId, string Token)> IssueAsync(string address)
    {
        if (!await limits.TryAcquireAsync(("viewer-id:address", address, options.Value.NewViewersPerAddressPerMinute)))
        {
            throw new QuestionException(
                "rate-limited",
                "Aus Ihrem Netzwerk wurden gerade sehr viele neue Zuschauerkennungen angefordert. Bitte warten Sie eine Minute.");
        }

        var viewerId = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return (viewerId, protector.Protect(viewerId));
    }

    public string? Verify(string? token)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 1000)
        {
            return null;
        }

        try
        {
            return protector.Unprotect(token);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}
