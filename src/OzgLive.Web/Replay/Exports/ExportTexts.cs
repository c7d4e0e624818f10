namespace OzgLive.Web.Replay.Exports;

/// <summary>
/// Marker for <c>IStringLocalizer&lt;ExportTexts&gt;</c>: the transcript exports (Markdown, CSV header)
/// and the printable view, in ExportTexts.resx (German) and ExportTexts.en.resx.
/// </summary>
public sealed class ExportTexts
{
}
