using OzgLive.Web.Clock;

namespace OzgLive.Web.Organisers;

/// <summary>
/// The success notices after a POST-redirect-GET. The query carries only a code; the text comes
/// from OrganiserTexts.resx ("Notice_" + code), so nobody can make the page say something by crafting a link.
/// </summary>
public static class OrganiserNotices
{
    private static readonly HashSet<string> Codes = new(StringComparer.Ordinal)
    {
        "block-gespeichert",
        "block-geloescht",
        "block-verschoben",
        "moderation-zugewiesen",
        "moderation-entfernt",
        "konto-angelegt",
        "uhr-startevent",
        "uhr-nextblock",
        "uhr-startblock",
        "uhr-extendblock",
        "uhr-pauseblock",
        "uhr-resumeblock",
        "uhr-endblock",
        "uhr-endevent",
        "uhr-auto-an",
        "uhr-auto-aus",
        "referent-neu",
        "referent-widerrufen",
    };

    /// <summary>The resource key of a notice code, or null for a code we never send.</summary>
    public static string? Key(string? code) => code is not null && Codes.Contains(code) ? "Notice_" + code : null;
}

/// <summary>The buttons of the "Live-Steuerung" box: what each posts and which clock command it means.</summary>
public static class ClockControls
{
    public const int ExtendMinutes = 5;

    public sealed record Command(ClockCommandKind Kind, int? BlockNumber, int? Minutes, string NoticeCode);

    /// <summary>Reads a button's value ("NextBlock", "StartBlock:2", "SetAutoAdvance:1").</summary>
    public static Command? Parse(string? value)
    {
        var (verb, argument) = CommandForm.Parse(value);
        if (!Enum.TryParse<ClockCommandKind>(verb, ignoreCase: false, out var kind) || !Enum.IsDefined(kind) || verb.Any(char.IsDigit))
        {
            return null;
        }

        return kind switch
        {
            ClockCommandKind.StartBlock when argument is >= 1 and <= 1000 => new(kind, (int)argument, null, "uhr-startblock"),
            ClockCommandKind.StartBlock => null,
            ClockCommandKind.ExtendBlock => new(kind, null, ExtendMinutes, "uhr-extendblock"),
            ClockCommandKind.SetAutoAdvance when argument is 0 or 1 => new(kind, null, (int)argument, argument == 1 ? "uhr-auto-an" : "uhr-auto-aus"),
            ClockCommandKind.SetAutoAdvance => null,
            _ => new(kind, null, null, "uhr-" + kind.ToString().ToLowerInvariant()),
        };
    }
}
