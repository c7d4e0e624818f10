using Dapper;
using OzgLive.Web.Events;
using OzgLive.Web.Storage;

namespace OzgLive.Web.Demo;

public sealed class DemoOptions
{
    /// <summary>Seed the demo series on first start with an empty database (Demo:Seed=false turns it off).</summary>
    public bool Seed { get; set; } = true;
}

/// <summary>
/// The demo content a newcomer sees on first start: the "Spot on OZG HE" broadcast (three 30-minute
/// blocks, from ../shared/seeds/004) planned for the next morning, and the four OZG marketing
/// workshops of 2022 as a past series (seeds 000 to 003), plus a published broadcast four weeks ago
/// with its replay (<see cref="DemoReplay"/>).
/// </summary>
public sealed class DemoContent(Database database, TimeProvider time, ILogger<DemoContent> logger)
{
    public const string SpotOnOzgSlug = "spot-on-ozg-he";

    public const string ReplaySlug = DemoReplay.Slug;

    internal const string Ministry = "Hessisches Ministerium des Innern und für Sport";
    internal const string Referat = "Digitalisierungsreferat II – Schwerpunkt Bürger / Unternehmen / Kommunen";
    private const string Hmwevw = "Hessisches Ministerium für Wirtschaft, Energie, Verkehr und Wohnen";

    public async Task<bool> SeedIfEmptyAsync()
    {
        await using var connection = database.Open();
        using var transaction = Database.BeginWrite(connection);
        if (await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM series", transaction: transaction) > 0)
        {
            return false;
        }

        var now = time.GetUtcNow();
        var tomorrow = DateOnly.FromDateTime(BerlinTime.ToBerlin(now).DateTime).AddDays(1);

        var spotOn = await InsertSeries(connection, transaction, "spot-on-ozg", "Spot on OZG",
            "Digitale Veranstaltungsreihe des Behörden Spiegel: 90 Minuten live, drei Themenblöcke zu je 30 Minuten, jeweils ein Fachvortrag mit anschließenden Fragen des Publikums.", now);
        var spotOnEvent = await InsertEvent(connection, transaction, spotOn, new DemoEvent(
            SpotOnOzgSlug,
            "Spot on OZG HE – Der Hessische Weg: Erfolg durch gemeinsames Handeln",
            "Die kommunale Umsetzung des Onlinezugangsgesetzes (OZG) in Hessen: Drei Referenten der hessischen Landesverwaltung informieren über das OZG und den hessischen Weg auf der kommunalen Ebene – mit Ihren Fragen im Anschluss an jeden Vortrag.",
            At(tomorrow, 10, 0),
            EventStatus.Scheduled,
            "Dr. Eva-Charlotte Proll",
            [
                new DemoBlock("Umsetzungsvereinbarung zwischen Land und kommunalen Spitzenverbänden",
                    "Wie Land und kommunale Spitzenverbände die OZG-Umsetzung in Hessen gemeinsam angehen.", 30,
                    [new Speaker("Martin Woitschell", "Leiter " + Referat, Ministry)]),
                new DemoBlock("Kostenfreie Digitalisierungsberatungen für jede Kommune",
                    "Der Voucher für die Digitalisierungsberatung: wer ihn bekommt, wo er beantragt wird und was die Beratung leistet.", 30,
                    [new Speaker("Heiko Merz", "Referent, " + Referat, Ministry)]),
                new DemoBlock("Weitere gezielte Fördermöglichkeiten",
                    "Förderprogramme des Landes für die Verwaltungsdigitalisierung in den Kommunen.", 30,
                    [new Speaker("Mirco Sander", "Referatsleiter IT-Planungsrat, Verwaltungsdigitalisierung", "Hessische Ministerin für Digitale Strategie und Entwicklung")]),
            ]), now);

        await DemoPolls.PrepareAsync(connection, transaction, spotOnEvent, now);
        await DemoReplay.InsertAsync(connection, transaction, spotOn, tomorrow.AddDays(-28), now);

        var workshops = await InsertSeries(connection, transaction, "ozg-marketing-workshops", "OZG-Marketing und -Kommunikation: Workshop-Reihe",
            "Länderübergreifender Austausch auf Initiative des Hessischen Wirtschaftsministeriums (2022): vier interaktive Workshops mit Vertreterinnen und Vertretern von Bund, bis zu 14 Ländern und Kommunen.", now);
        foreach (var workshop in Workshops())
        {
            await InsertEvent(connection, transaction, workshops, workshop, now);
        }

        transaction.Commit();
        logger.LogInformation("Seeded the demo content");
        return true;
    }

    private static IEnumerable<DemoEvent> Workshops()
    {
        var organiser = new Speaker("OZG-Team", "Organisation der Workshop-Reihe", Hmwevw);
        yield return new DemoEvent(
            "ozg-marketing-auftakt",
            "Auftakt: Marketing von OZG-Leistungen",
            "Erster digitaler Austausch zum Marketing von OZG-Leistungen mit zehn Ländern, dem BMI und dem BMWK: bestehende Marketingaktivitäten, Good Practices und Zielgruppen.",
            At(new DateOnly(2022, 3, 3), 9, 0),
            EventStatus.Ended,
            "",
            [
                new DemoBlock("Impulsvorträge: Marketingaktivitäten in Bund und Ländern", "Impulse vom BMI, dem Land Sachsen und dem HMWEVW.", 60, [organiser]),
                new DemoBlock("Arbeitsphase: Zielgruppen von OZG-Leistungen", "Zielgruppen von Marketingmaßnahmen identifizieren und analysieren.", 90, [organiser]),
                new DemoBlock("Kleingruppen: Handlungsempfehlungen zur Ansprache", "Empfehlungen zur Ansprache der Zielgruppen erarbeiten.", 90, [organiser]),
            ]);
        yield return new DemoEvent(
            "ozg-marketing-kommunen-als-partner",
            "Kommunen als Partner: Kommunikation der föderalen Ebenen",
            "Herausforderungen in der Kommunikation zwischen Ländern und Kommunen, Handlungsempfehlungen und Best Practices, mit Vertretern von 14 Bundesländern, mehreren Bundesressorts und Kommunen.",
            At(new DateOnly(2022, 4, 28), 9, 0),
            EventStatus.Ended,
            "",
            [
                new DemoBlock("Herausforderungen zwischen Ländern und Kommunen", "Heterogene Leistungen und Kommunikationskanäle aus Sicht der Kommunen.", 60, [organiser]),
                new DemoBlock("Handlungsempfehlungen und Best Practices", "Klare Ansprechpersonen, kanalisierter Informationsfluss, frühzeitige Kommunikation zu EfA-Leistungen.", 90, [organiser]),
            ]);
        yield return new DemoEvent(
            "multiplikatoren-fuer-ozg",
            "#MultiplikatorenFürOZG: Netzwerke in der OZG-Kommunikation",
            "Wie Multiplikatoren und Netzwerke die OZG-Kommunikation unterstützen können, mit 14 Bundesländern, einem Bundesressort und mehreren Kommunen.",
            At(new DateOnly(2022, 6, 8), 9, 0),
            EventStatus.Ended,
            "",
            [
                new DemoBlock("Netzwerke und Multiplikatoren im Einsatz", "Informationen verteilen, gemeinsam an Themen arbeiten, Rückmeldungen einholen.", 90, [organiser]),
                new DemoBlock("Herausforderungen und zentrale Informationsplattformen", "Ressourcen für Netzwerkarbeit und ebenenübergreifend transparente Kommunikation.", 90, [organiser]),
            ]);
        yield return new DemoEvent(
            "social-media-ozg-kommunikation",
            "#SocialMedia: Social Media in der OZG-Kommunikation",
            "Vierter und letzter Termin der Reihe: Wie Behörden über Social Media mit Bürgerinnen, Bürgern und der Fachcommunity zum OZG ins Gespräch kommen.",
            At(new DateOnly(2022, 7, 21), 9, 0),
            EventStatus.Ended,
            "",
            [
                new DemoBlock("Plattformen und Zielgruppen", "LinkedIn, Xing und Twitter für die Fachcommunity; Facebook, Instagram und TikTok für Bürgerinnen und Bürger.", 90, [organiser]),
                new DemoBlock("Ein Social-Media-Konzept mit Grundsätzen und Regeln", "Verlässlichkeit, Reaktionszeit und Transparenz im direkten Kontakt.", 90, [organiser]),
                new DemoBlock("Austausch und Ausblick", "Fragen und nächste Schritte der länderübergreifenden Zusammenarbeit.", 60, [organiser]),
            ]);
    }

    internal static DateTimeOffset At(DateOnly day, int hour, int minute) =>
        BerlinTime.FromBerlin(day.ToDateTime(new TimeOnly(hour, minute)));

    private static Task<long> InsertSeries(System.Data.IDbConnection connection, System.Data.IDbTransaction transaction, string slug, string title, string description, DateTimeOffset now) =>
        connection.ExecuteScalarAsync<long>(
            "INSERT INTO series (slug, title, description, created_utc) VALUES (@slug, @title, @description, @now) RETURNING id",
            new { slug, title, description, now },
            transaction);

    internal static async Task<long> InsertEvent(System.Data.IDbConnection connection, System.Data.IDbTransaction transaction, long seriesId, DemoEvent e, DateTimeOffset now)
    {
        var eventId = await connection.ExecuteScalarAsync<long>(
            """
            INSERT INTO events (series_id, slug, title, description, scheduled_start_utc, status, moderator_name, created_utc, updated_utc)
            VALUES (@seriesId, @Slug, @Title, @Description, @Start, @status, @ModeratorName, @now, @now)
            RETURNING id
            """,
            new { seriesId, e.Slug, e.Title, e.Description, e.Start, status = e.Status.ToDb(), e.ModeratorName, now },
            transaction);
        var position = 0;
        foreach (var block in e.Blocks)
        {
            var blockId = await connection.ExecuteScalarAsync<long>(
                "INSERT INTO blocks (event_id, position, title, description, planned_minutes) VALUES (@eventId, @position, @Title, @Description, @Minutes) RETURNING id",
                new { eventId, position = ++position, block.Title, block.Description, block.Minutes },
                transaction);
            var speakerPosition = 0;
            foreach (var speaker in block.Speakers)
            {
                await connection.ExecuteAsync(
                    "INSERT INTO speakers (block_id, position, name, role, organisation) VALUES (@blockId, @position, @Name, @Role, @Organisation)",
                    new { blockId, position = ++speakerPosition, speaker.Name, speaker.Role, speaker.Organisation },
                    transaction);
            }
        }

        return eventId;
    }

    internal sealed record DemoEvent(string Slug, string Title, string Description, DateTimeOffset Start, EventStatus Status, string ModeratorName, IReadOnlyList<DemoBlock> Blocks);

    internal sealed record DemoBlock(string Title, string Description, int Minutes, IReadOnlyList<Speaker> Speakers);
}

public static class DemoExtensions
{
    public static IHostApplicationBuilder AddDemoContent(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<DemoOptions>().BindConfiguration("Demo");
        builder.Services.AddSingleton<DemoContent>();
        return builder;
    }

    public static async Task SeedDemoContentAsync(this IHost app)
    {
        if (app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<DemoOptions>>().Value.Seed)
        {
            await app.Services.GetRequiredService<DemoContent>().SeedIfEmptyAsync();
        }
    }
}
