namespace OzgLive.Web.Channels;

/// <summary>
/// Marker for <c>IStringLocalizer&lt;ChannelTexts&gt;</c>: the texts of the join code, the QR slide,
/// the stream overlay and the organisers' channel settings (ChannelTexts.resx, ChannelTexts.en.resx).
/// </summary>
public sealed class ChannelTexts
{
}
