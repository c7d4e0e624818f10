using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace OzgLive.Web.Questions;

/// <summary>
/// Anonymous viewers: the server issues a random viewer id together with a token that proves it.
/// The browser keeps the token (localStorage) and presents it on every connection; only the server
/// can make tokens, so nobody can act as another viewer by sending a different id.
/// </summary>
public sealed class ViewerIdentity(IDataProtectionProvider protection)
{
    private readonly IDataProtector protector = protection.CreateProtector("OzgLive.Viewer.v1");

    public (string ViewerId, string Token) Issue()
    {
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
