using System.Buffers.Text;
using System.Security.Cryptography;

namespace OzgLive.Web.Questions;

/// <summary>
/// The key of an asker's private link <c>/fragen/{key}</c>: 144 random bits in base64url (24 characters),
/// so it cannot be guessed; whoever holds it sees the question's status and answer without an account.
/// </summary>
public static class FollowKeys
{
    private const int Bytes = 18;

    /// <summary>The length of every key we issue; anything else is not looked up at all.</summary>
    public const int Length = 24;

    public static string New() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(Bytes));

    /// <summary>Whether <paramref name="key"/> could be one of ours (length and alphabet only).</summary>
    public static bool LooksValid(string? key) =>
        key is { Length: Length } && key.All(c => c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_');
}
