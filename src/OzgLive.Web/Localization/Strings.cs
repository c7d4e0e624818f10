namespace OzgLive.Web.Localization;

/// <summary>Marker for <c>IStringLocalizer&lt;Strings&gt;</c>: the texts are in Strings.resx (German) and Strings.en.resx.</summary>
public sealed class Strings
{
}
