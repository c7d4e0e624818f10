using System.Globalization;
using System.Numerics;
using System.Text.RegularExpressions;

namespace OzgLive.Web.Replay.Review;

public enum PersonalDataKind
{
    Email,
    Phone,
    Iban,
    Address,
    FileNumber,
}

/// <summary>A likely piece of personal data: what kind, and where in the text (UTF-16 offsets).</summary>
public sealed record PersonalDataFlag(PersonalDataKind Kind, int Start, int Length, string Match);

/// <summary>
/// Flags likely personal data in a question, a name field or an answer, so the organiser looks
/// before publishing. It is a hint, not a filter: the organiser decides. The patterns are tuned to
/// miss the numbers public-sector questions are full of (years, paragraphs, "OZG 2.0", amounts,
/// dates, times, versions), because a check that flags everything gets ignored.
/// </summary>
public static partial class PersonalDataCheck
{
    public static IReadOnlyList<PersonalDataFlag> Find(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        var found = new List<PersonalDataFlag>();
        Add(found, text, Email(), PersonalDataKind.Email);
        var ibanShapes = Iban().Matches(text);
        foreach (Match m in ibanShapes)
        {
            if (IsValidIban(m.Value))
            {
                found.Add(new(PersonalDataKind.Iban, m.Index, m.Length, m.Value));
            }
        }

        foreach (Match m in FileNumber().Matches(text))
        {
            // "Wie finde ich mein Aktenzeichen?" names the thing, it does not give one.
            if (m.Groups["value"].Value.Any(char.IsAsciiDigit))
            {
                found.Add(new(PersonalDataKind.FileNumber, m.Index, m.Length, m.Value));
            }
        }

        Add(found, text, Street(), PersonalDataKind.Address);
        Add(found, text, PlaceStreet(), PersonalDataKind.Address);
        foreach (Match m in PostcodeCity().Matches(text))
        {
            if (LooksLikePostcode(text, m))
            {
                found.Add(new(PersonalDataKind.Address, m.Index, m.Length, m.Value));
            }
        }

        foreach (Match m in Phone().Matches(text))
        {
            var digits = m.Value.Count(char.IsAsciiDigit);
            var international = m.Value.StartsWith('+') || m.Value.StartsWith("00", StringComparison.Ordinal);
            // Inside an account-number shape with a wrong checksum the digit groups are not a phone number either.
            var inIbanShape = ibanShapes.Any(i => m.Index < i.Index + i.Length && i.Index < m.Index + m.Length);
            if (digits is >= 7 and <= 15 && (!international || digits >= 9) && !inIbanShape)
            {
                found.Add(new(PersonalDataKind.Phone, m.Index, m.Length, m.Value));
            }
        }

        // Earliest first; where two overlap (a file number that looks like a phone number) the first found wins.
        var result = new List<PersonalDataFlag>();
        foreach (var flag in found.OrderBy(f => f.Start).ThenByDescending(f => f.Length))
        {
            if (result.Count == 0 || flag.Start >= result[^1].Start + result[^1].Length)
            {
                result.Add(flag);
            }
        }

        return result;
    }

    /// <summary>ISO 13616: the country's length for the common ones, and the mod-97 check digits.</summary>
    public static bool IsValidIban(string candidate)
    {
        var iban = new string(candidate.Where(c => !char.IsWhiteSpace(c)).ToArray()).ToUpperInvariant();
        if (iban.Length is < 15 or > 34 || !iban.All(char.IsAsciiLetterOrDigit))
        {
            return false;
        }

        if (IbanLengths.TryGetValue(iban[..2], out var expected) && iban.Length != expected)
        {
            return false;
        }

        var rearranged = iban[4..] + iban[..4];
        var digits = string.Concat(rearranged.Select(c => char.IsAsciiDigit(c) ? c.ToString() : (c - 'A' + 10).ToString(CultureInfo.InvariantCulture)));
        return BigInteger.Parse(digits, CultureInfo.InvariantCulture) % 97 == 1;
    }

    private static readonly Dictionary<string, int> IbanLengths = new(StringComparer.Ordinal)
    {
        ["DE"] = 22, ["AT"] = 20, ["CH"] = 21, ["NL"] = 18, ["BE"] = 16, ["FR"] = 27, ["IT"] = 27, ["ES"] = 24,
        ["LU"] = 20, ["PL"] = 28, ["DK"] = 18, ["CZ"] = 24, ["GB"] = 22, ["IE"] = 22, ["LI"] = 21,
    };

    // Words that make a five-digit number a count, not a postcode ("12000 Anträge").
    private static readonly HashSet<string> CountNouns = new(StringComparer.OrdinalIgnoreCase)
    {
        "Euro", "EUR", "Fälle", "Fällen", "Anträge", "Anträgen", "Kommunen", "Menschen", "Personen", "Einwohner", "Einwohnern",
        "Einwohnerinnen", "Beschäftigte", "Beschäftigten", "Mitarbeitende", "Mitarbeitenden", "Bürger", "Bürgerinnen", "Nutzer",
        "Nutzerinnen", "Nutzende", "Nutzenden", "Leistungen", "Verfahren", "Stunden", "Tage", "Tagen", "Jahre", "Jahren",
        "Zugriffe", "Zugriffen", "Seiten", "Mal", "Stück", "Dokumente", "Dokumenten", "Formulare", "Formularen", "Unternehmen",
        "Behörden", "Vorgänge", "Vorgängen", "Bescheide", "Bescheiden", "Downloads", "Besucher", "Aufrufe", "Meldungen",
    };

    private static bool LooksLikePostcode(string text, Match m)
    {
        if (CountNouns.Contains(m.Groups["city"].Value))
        {
            return false;
        }

        var before = text[..m.Index].TrimEnd();
        if (m.Value.StartsWith("D-", StringComparison.Ordinal) || before.Length == 0 || before.EndsWith(',') || before.EndsWith(';')
            || before.EndsWith("PLZ", StringComparison.Ordinal) || before.EndsWith("PLZ:", StringComparison.Ordinal))
        {
            return true;
        }

        // "in 65185 Wiesbaden" yes, "in 10000 Fällen" no: round numbers are counts.
        var lastWord = before.Split(' ', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? "";
        return lastWord is "in" or "aus" or "nach" or "bei" && !m.Groups["code"].Value.EndsWith('0');
    }

    private static void Add(List<PersonalDataFlag> found, string text, Regex pattern, PersonalDataKind kind)
    {
        foreach (Match m in pattern.Matches(text))
        {
            found.Add(new(kind, m.Index, m.Length, m.Value));
        }
    }

    [GeneratedRegex(@"(?<![\w.+-])[\w.%+-]+(?:@|\s?\((?:at|ät)\)\s?|\s?\[at\]\s?)[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}\b", RegexOptions.CultureInvariant)]
    private static partial Regex Email();

    // Country, check digits, then groups of four (with or without spaces) and a short last group.
    [GeneratedRegex(@"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\b", RegexOptions.CultureInvariant)]
    private static partial Regex Iban();

    // +49 611 123456, 0049 (0)611-123456, 0611/123456, 0171-1234567, (06 11) 12 34 56. Dots, commas and
    // colons are not part of it, so dates, amounts and times never are.
    [GeneratedRegex(@"(?<![\w+/.,-])(?:(?:\+|00)\d{2,3}(?:[ \-/]?\(0\))?|\(0\d(?: ?\d){1,4}\)|0\d{1,5})(?:[ \-/]{0,3}\d{1,8}){1,5}(?![\w.,]\d)", RegexOptions.CultureInvariant)]
    private static partial Regex Phone();

    // "Musterstraße 12", "Hauptstr. 5", "Wilhelm-Leuschner-Straße 3a", "Berliner Allee 1", optionally ", 65185 Wiesbaden".
    [GeneratedRegex(
        @"\b[A-ZÄÖÜ][a-zäöüß]+(?:-[A-ZÄÖÜ][a-zäöüß]+)*(?:-?(?:[Ss]tra(?:ß|ss)e|[Ss]tr\.|[Ww]eg|[Pp]latz|[Aa]llee|[Gg]asse|[Rr]ing|[Dd]amm|[Uu]fer|[Cc]haussee|[Pp]fad|[Ss]teig)|(?<=[A-ZÄÖÜ][a-zäöüß]{3,}er) (?:Straße|Strasse|Str\.|Weg|Platz|Allee|Ring|Damm))"
        + @" ?\d{1,4}(?: ?[a-z])?\b(?!\s*(?:%|Prozent|Euro|EUR|€|Jahre|Monate|Wochen|Tage|Stunden|Minuten|Mio|Mrd|[.,:]\d))(?:,? \d{5} [A-ZÄÖÜ][a-zäöüß]+(?:[- ](?:am|an der|im|[A-ZÄÖÜ][a-zäöüß]+))?)?",
        RegexOptions.CultureInvariant)]
    private static partial Regex Street();

    // "Am Markt 3a", "An der Kirche 7": only with a noun that names a place, so "Im Themenblock 2" is not one.
    [GeneratedRegex(
        @"\b(?:Am|An der|An den|Auf dem|Auf der|Im|In der|In den|Zum|Zur|Unter den|Hinter der|Vor dem) (?=[A-ZÄÖÜ])[A-Za-zÄÖÜäöüß]*(?i:markt|platz|ring|graben|berg|hof|hang|feld|garten|tor|wall|anger|hain|bach|park|kamp|brink|rain|weiher|deich|kanal|hafen|bahnhof|rathaus|schloss|dom|kirche|wald|busch|stein|mühle|eck)"
        + @" \d{1,3}(?: ?[a-z])?\b(?![.,:]\d)(?:,? \d{5} [A-ZÄÖÜ][a-zäöüß]+)?",
        RegexOptions.CultureInvariant)]
    private static partial Regex PlaceStreet();

    [GeneratedRegex(@"(?<![\d.,])(?:D-)?(?<code>(?:0[1-9]|[1-9]\d)\d{3}) (?<city>[A-ZÄÖÜ][a-zäöüß]{2,}(?:-[A-ZÄÖÜ][a-zäöüß]+)?)\b", RegexOptions.CultureInvariant)]
    private static partial Regex PostcodeCity();

    // "Az. 12-345/2023", "AZ: IV 2 - 1234.5", "Geschäftszeichen III 4-2023/17", "Vorgangsnummer VN-2023-000123".
    [GeneratedRegex(
        @"(?:\bAz\.|\bAZ\b:?|\bAz\b:?|\bGz\.|\b(?:Aktenzeichen|Gesch(?:äfts|aefts)zeichen|Vorgangsnummer|Vorgangs-Nr\.|Kundennummer|Kunden-Nr\.|Antragsnummer|Antrags-Nr\.|Steuernummer|Personalnummer|Versichertennummer|Bescheidnummer|Fallnummer|Mitgliedsnummer|Referenznummer|Ticketnummer))"
        + @"(?: ?:)? ?(?:Nr\. ?)?(?<value>[A-Z0-9][A-Z0-9]*(?: ?[-/.] ?[A-Z0-9]+| [0-9A-Z]+\b)*)",
        RegexOptions.CultureInvariant)]
    private static partial Regex FileNumber();
}
