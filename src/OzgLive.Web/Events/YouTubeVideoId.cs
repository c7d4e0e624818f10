using System.Text.RegularExpressions;

namespace OzgLive.Web.Events;

/// <summary>
/// Accepts what organisers paste: a bare 11-character video id or any common YouTube address
/// (watch, youtu.be, live, embed, shorts), and yields the id alone.
/// </summary>
public static partial class YouTubeVideoId
{
    [GeneratedRegex("^[A-Za-z0-9_-]{11}$")]
    private static partial Regex IdPattern();

    private static readonly HashSet<string> Hosts = new(StringComparer.OrdinalIgnoreCase)
    {
        "youtube.com", "www.youtube.com", "m.youtube.com", "music.youtube.com",
        "youtube-nocookie.com", "www.youtube-nocookie.com", "youtu.be", "www.youtu.be",
    };

    private static readonly HashSet<string> PathPrefixes = new(StringComparer.OrdinalIgnoreCase)
    {
        "live", "embed", "shorts", "v", "e",
    };

    public static bool IsValidId(string? id) => id is not null && IdPattern().IsMatch(id);

    public static bool TryParse(string? input, out string id)
    {
        id = "";
        var text = input?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        if (IsValidId(text))
        {
            id = text;
            return true;
        }

        if (text.StartsWith("//", StringComparison.Ordinal))
        {
            // Older embed codes write the address without its scheme ("//www.youtube.com/embed/…").
            text = "https:" + text;
        }
        else if (!text.Contains("://", StringComparison.Ordinal))
        {
            text = "https://" + text;
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
            || !Hosts.Contains(uri.Host))
        {
            return false;
        }

        var segments = uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        string? candidate = null;
        if (uri.Host.EndsWith("youtu.be", StringComparison.OrdinalIgnoreCase))
        {
            candidate = segments.Length == 1 ? segments[0] : null;
        }
        else if (segments.Length == 1 && segments[0].Equals("watch", StringComparison.OrdinalIgnoreCase))
        {
            candidate = QueryValue(uri.Query, "v");
        }
        else if (segments.Length == 2 && PathPrefixes.Contains(segments[0]))
        {
            candidate = segments[1];
        }

        // "/embed/videoseries?list=…" embeds a playlist; the word happens to be 11 characters long.
        if (IsValidId(candidate) && !string.Equals(candidate, "videoseries", StringComparison.OrdinalIgnoreCase))
        {
            id = candidate!;
            return true;
        }

        return false;
    }

    private static string? QueryValue(string query, string key)
    {
        foreach (var pair in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = pair.Split('=', 2);
            if (parts.Length == 2 && parts[0] == key)
            {
                return Uri.UnescapeDataString(parts[1]);
            }
        }

        return null;
    }
}
