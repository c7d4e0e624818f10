using Microsoft.Extensions.Localization;
using OzgLive.Web.Questions;

namespace OzgLive.Web.Channels;

/// <summary>
/// Where a question came from, as moderators and the exports see it: "live" (the event page),
/// "embed:https://partner.example" (a partner's embed), "embed" (the embed elsewhere) or, for
/// questions a moderator entered, their source ("youtube", "twitter", "email", "phone", "onsite", "other").
/// </summary>
public static class QuestionChannel
{
    public const string Live = "live";
    public const string Embed = "embed";

    public static string Of(QuestionSource source, string? storedChannel) =>
        source != QuestionSource.Live ? source.ToDb() : storedChannel ?? Live;

    /// <summary>
    /// A channel as a short phrase for people (console badge and filter, replay counts, exports): the
    /// live page, an embed with the partner's host, or the source a moderator entered it from.
    /// </summary>
    public static string Label(string channel, IStringLocalizer<ChannelTexts> t) => channel switch
    {
        _ when channel.StartsWith(Embed + ":", StringComparison.Ordinal) =>
            t["ChannelName_embedAt", Uri.TryCreate(channel[(Embed.Length + 1)..], UriKind.Absolute, out var origin) ? origin.Host : channel],
        _ when t["ChannelName_" + channel] is { ResourceNotFound: false } known => known,
        _ => channel,
    };
}
