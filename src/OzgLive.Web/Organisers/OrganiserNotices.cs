using OzgLive.Web.Clock;

namespace OzgLive.Web.Organisers;

/// <summary>
/// The success notices after a POST-redirect-GET. The query carries only a code; the text comes
/// from here, so nobody can make the page say something by crafting a link.
/// </summary>
public static class OrganiserNotices
{
    private static readonly Dictionary<string, string> Texts = new(StringComparer.Ordinal)
    {
        ["block-gespeichert"] = "Der Block wurde gespeichert.",
        ["block-geloescht"] = "Der Block wurde gelöscht.",
        ["block-verschoben"] = "Die Reihenfolge der Blöcke wurde geändert.",
        ["moderation-zugewiesen"] = "Die Moderation wurde dieser Veranstaltung zugewiesen.",
        ["moderation-entfernt"] = "Die Zuweisung der Moderation wurde entfernt.",
        ["konto-angelegt"] = "Das Moderationskonto wurde angelegt und dieser Veranstaltung zugewiesen.",
        ["uhr-startevent"] = "Die Veranstaltung wurde gestartet.",
        ["uhr-nextblock"] = "Der nächste Block wurde gestartet.",
        ["uhr-startblock"] = "Der Block wurde gestartet.",
        ["uhr-extendblock"] = $"Der Block wurde um {ClockControls.ExtendMinutes} Minuten verlängert.",
        ["uhr-pauseblock"] = "Der Block ist pausiert.",
        ["uhr-resumeblock"] = "Der Block läuft weiter.",
        ["uhr-endblock"] = "Der Block wurde beendet.",
        ["uhr-endevent"] = "Die Veranstaltung wurde beendet.",
        ["uhr-auto-an"] = "Auto-Weiter ist eingeschaltet: Ist die Zeit eines Blocks um, beginnt der nächste.",
        ["uhr-auto-aus"] = "Auto-Weiter ist ausgeschaltet.",
        ["referent-neu"] = "Ein neuer Link zur Referentenansicht wurde erzeugt. Der bisherige Link gilt nicht mehr.",
        ["referent-widerrufen"] = "Der Link zur Referentenansicht wurde widerrufen. Bildschirme mit diesem Link werden nicht mehr aktualisiert.",
    };

    public const string Saved = "Die Änderungen wurden gespeichert.";

    public static string? Text(string? code) => code is not null && Texts.TryGetValue(code, out var text) ? text : null;
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
