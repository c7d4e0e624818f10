using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace OzgLive.Web.Live;

/// <summary>
/// The secret keys of an event's links for people without accounts (the presenter screen,
/// the speakers' follow-up page): how they are made and how a given key is checked.
/// </summary>
public static class EventLinkKeys
{
    /// <summary>Longer keys are refused before any lookup.</summary>
    public const int MaxLength = 200;

    /// <summary>A new key: 192 random bits, URL-safe (base64url, 32 characters).</summary>
    public static string New() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(24));

    /// <summary>Whether a given key is worth looking up at all.</summary>
    public static bool IsPlausible(string? key) => !string.IsNullOrEmpty(key) && key.Length <= MaxLength;

    /// <summary>Compares in constant time, so the answer's timing says nothing about how much of a key was right.</summary>
    public static bool Matches(string? stored, string? given) =>
        stored is not null && IsPlausible(given)
        && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(stored), Encoding.UTF8.GetBytes(given!));
}
