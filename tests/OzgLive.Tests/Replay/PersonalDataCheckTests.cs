using OzgLive.Web.Replay;
using OzgLive.Web.Replay.Review;

namespace OzgLive.Tests.Replay;

/// <summary>
/// The personal-data check on realistic questions from public-sector broadcasts: what it must flag
/// (with the kind and the exact span the organiser sees highlighted), and the everyday numbers it
/// must leave alone, because a check that flags everything gets ignored.
/// </summary>
public sealed class PersonalDataCheckTests
{
    public static TheoryData<string, PersonalDataKind, string> Positives => new()
    {
        { "Bitte schreiben Sie mir an max.mustermann@wiesbaden.de, wie es weitergeht.", PersonalDataKind.Email, "max.mustermann@wiesbaden.de" },
        { "Kontakt: j.beispiel@landkreis-giessen.de", PersonalDataKind.Email, "j.beispiel@landkreis-giessen.de" },
        { "Antwort gern an info (at) gemeinde-musterdorf.de", PersonalDataKind.Email, "info (at) gemeinde-musterdorf.de" },
        { "Erreichbar unter +49 611 123456 für Rückfragen.", PersonalDataKind.Phone, "+49 611 123456" },
        { "Rufen Sie mich an: 0049 611 1234567", PersonalDataKind.Phone, "0049 611 1234567" },
        { "Mein Telefon: 0611 123456, bitte vormittags.", PersonalDataKind.Phone, "0611 123456" },
        { "Unter 0611/123456 erreichen Sie die Stabsstelle.", PersonalDataKind.Phone, "0611/123456" },
        { "Mobil 0171-1234567, falls es eilt.", PersonalDataKind.Phone, "0171-1234567" },
        { "Telefon (06 11) 12 34 56 im Bürgerbüro", PersonalDataKind.Phone, "(06 11) 12 34 56" },
        { "Die Hotline +49 (0)69 12345678 war nicht erreichbar.", PersonalDataKind.Phone, "+49 (0)69 12345678" },
        { "Überweisung an DE89 3704 0044 0532 0130 00 ist erfolgt, aber kein Bescheid.", PersonalDataKind.Iban, "DE89 3704 0044 0532 0130 00" },
        { "Unsere IBAN DE89370400440532013000 wurde abgelehnt.", PersonalDataKind.Iban, "DE89370400440532013000" },
        { "Gebühr ging an AT61 1904 3002 3457 3201, ist das richtig?", PersonalDataKind.Iban, "AT61 1904 3002 3457 3201" },
        { "Konto NL91ABNA0417164300 für die Förderung", PersonalDataKind.Iban, "NL91ABNA0417164300" },
        { "Ich wohne in der Musterstraße 12 und warte auf den Bescheid.", PersonalDataKind.Address, "Musterstraße 12" },
        { "Die Beratungsstelle Am Markt 3a ist geschlossen.", PersonalDataKind.Address, "Am Markt 3a" },
        { "Antrag abgegeben in der Hauptstr. 5 im Bürgerbüro.", PersonalDataKind.Address, "Hauptstr. 5" },
        { "Post bitte an Rheinstraße 12, 65185 Wiesbaden schicken.", PersonalDataKind.Address, "Rheinstraße 12, 65185 Wiesbaden" },
        { "Wir sitzen in der Wilhelm-Leuschner-Straße 3a.", PersonalDataKind.Address, "Wilhelm-Leuschner-Straße 3a" },
        { "Unser Amt ist in der Berliner Allee 15.", PersonalDataKind.Address, "Berliner Allee 15" },
        { "Ich komme aus 65185 Wiesbaden und frage für meinen Verein.", PersonalDataKind.Address, "65185 Wiesbaden" },
        { "Mein Antrag mit Az. 12-345/2023 liegt seit Monaten.", PersonalDataKind.FileNumber, "Az. 12-345/2023" },
        { "Bescheid AZ: IV 2 - 1234.5 ist falsch berechnet.", PersonalDataKind.FileNumber, "AZ: IV 2 - 1234.5" },
        { "Unter Geschäftszeichen III 4-2023/17 wurde nichts entschieden.", PersonalDataKind.FileNumber, "Geschäftszeichen III 4-2023/17" },
        { "Was ist mit Vorgangsnummer VN-2023-000123?", PersonalDataKind.FileNumber, "Vorgangsnummer VN-2023-000123" },
        { "Meine Kundennummer 123456789 wird nicht erkannt.", PersonalDataKind.FileNumber, "Kundennummer 123456789" },
        { "Aktenzeichen: 45 K 1234/22 beim Verwaltungsgericht", PersonalDataKind.FileNumber, "Aktenzeichen: 45 K 1234/22" },
    };

    public static TheoryData<string> Negatives => new()
    {
        "Wo beantrage ich den Beratungsgutschein Digitalisierung?",
        "Wie digitalisieren wir trotz Personalmangel bis 2025?",
        "Was ändert sich mit dem OZG 2.0 für die Kommunen?",
        "Gilt § 3 Abs. 2 OZG auch für kreisangehörige Gemeinden?",
        "Welche Rolle spielt Artikel 91c GG bei der Umsetzung?",
        "Ist die EfA-Leistung Wohngeld schon in Hessen verfügbar?",
        "Die Förderung beträgt bis zu 50.000 Euro pro Kommune, stimmt das?",
        "Reichen 1.500 € Eigenanteil für kleine Gemeinden?",
        "Die Frist endet am 31.03.2025 – gibt es eine Verlängerung?",
        "Startet die Sprechstunde um 10:00 Uhr oder 10:30 Uhr?",
        "Nur 15 % der Leistungen sind online, warum so wenige?",
        "Läuft das Portal schon mit Version 2.3.1 oder noch 2.2?",
        "In Block 2 wurde die Umsetzungsvereinbarung erwähnt – wo finde ich sie?",
        "Im Themenblock 3 ging es um Förderprogramme: gibt es Folien?",
        "Wir haben 12000 Anträge im Jahr, lohnt sich die Automatisierung?",
        "Rund 65000 Einwohner nutzen unser Portal, wie skalieren wir?",
        "Wie finde ich mein Aktenzeichen im Nutzerkonto?",
        "Seit dem 1. Januar 2024 gilt die neue Richtlinie, richtig?",
        "Gibt es die Förderung auch nach Kapitel 4 Nr. 2 der Richtlinie?",
        "Im Jahr 2023 wurden 0,5 Mio. Euro abgerufen.",
        "Können Landkreise mit mehr als 100000 Menschen teilnehmen?",
        "Was kostet die Schnittstelle XÖV 3.1 im Betrieb?",
        "Die Sendung vom 12.06.2024 um 09:00 war sehr hilfreich!",
        "Wie viele der 575 OZG-Leistungen sind bis 2026 umgesetzt?",
        "Ist die Registermodernisierung Teil von Phase 2 oder 3?",
        "Unsere Stadt hat 3 Standorte und 2 Bürgerbüros – reicht ein Zugang?",
        "Wie hoch ist der Zuschuss nach Nummer 5.2 der Förderrichtlinie?",
    };

    [Theory]
    [MemberData(nameof(Positives))]
    public void Likely_personal_data_is_flagged_with_its_kind_and_span(string text, PersonalDataKind kind, string expected)
    {
        var flags = PersonalDataCheck.Find(text);

        var flag = Assert.Single(flags);
        Assert.Equal(kind, flag.Kind);
        Assert.Equal(expected, flag.Match);
        Assert.Equal(expected, text.Substring(flag.Start, flag.Length));
    }

    [Theory]
    [MemberData(nameof(Negatives))]
    public void Ordinary_questions_with_numbers_are_not_flagged(string text)
    {
        var flags = PersonalDataCheck.Find(text);

        Assert.True(flags.Count == 0, "Flagged: " + string.Join(", ", flags.Select(f => $"{f.Kind} „{f.Match}“")));
    }

    [Fact]
    public void Several_kinds_in_one_text_are_each_flagged_in_order()
    {
        var flags = PersonalDataCheck.Find("Jana Beispiel, jana@example.org, Tel. 0611 987654, Musterweg 4, 35390 Gießen");

        Assert.Equal(
            [(PersonalDataKind.Email, "jana@example.org"), (PersonalDataKind.Phone, "0611 987654"), (PersonalDataKind.Address, "Musterweg 4, 35390 Gießen")],
            flags.Select(f => (f.Kind, f.Match)).ToArray());
    }

    [Theory]
    [InlineData("DE89 3704 0044 0532 0130 01")]
    [InlineData("DE12 3456 7890 1234 5678 90")]
    [InlineData("DE89 3704 0044 0532 0130")]
    public void An_iban_shape_with_a_wrong_checksum_or_length_is_not_flagged(string text)
    {
        Assert.False(PersonalDataCheck.IsValidIban(text));
        Assert.Empty(PersonalDataCheck.Find("Konto " + text));
    }

    [Theory]
    [InlineData("jana.beispiel@example.org", PersonalDataKind.Email)]
    [InlineData("0171 2345678", PersonalDataKind.Phone)]
    public void A_name_field_holding_an_address_or_number_is_flagged(string name, PersonalDataKind kind)
    {
        Assert.Equal(kind, Assert.Single(PersonalDataCheck.Find(name)).Kind);
    }

    [Theory]
    [InlineData("Jana Beispiel")]
    [InlineData("Dr. Hans-Peter Müller-Lüdenscheidt")]
    [InlineData("Landkreis Gießen, Fachdienst 1.2")]
    [InlineData("Stadt Frankfurt am Main")]
    [InlineData("")]
    public void Ordinary_names_and_organisations_are_not_flagged(string name)
    {
        Assert.Empty(PersonalDataCheck.Find(name));
    }
}
