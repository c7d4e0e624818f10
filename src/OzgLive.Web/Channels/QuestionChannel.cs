using OzgLive.Web.Questions;

namespace OzgLive.Web.Channels;

/// <summary>
/// Where a question came from, as moderators and the exports see it: "live" (the event page),
/// "embed:https://partner.example" (a partner's embed), "embed" (the embed elsewhere) or, for
/// questions a moderator entered, their source ("youtube", "email", "phone", "onsite", "other").
/// </summary>
public static class QuestionChannel
{
    public const string Live = "live";
    public const string Embed = "embed";

    public static string Of(QuestionSource source, string? storedChannel) =>
        source != QuestionSource.Live ? source.ToDb() : storedChannel ?? Live;
}
