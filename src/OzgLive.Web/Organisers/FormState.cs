using System.Collections;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Components.Forms;
using OzgLive.Web.Events;

namespace OzgLive.Web.Organisers;

/// <summary>
/// One form's edit context with the server's field errors in it. The errors come from
/// <see cref="FieldErrors"/> keyed by property path ("Title", "Speakers[1].Name"); each is put on the
/// field it names, so &lt;ValidationMessage&gt; shows it right after that field, and the form's
/// inputs can point at it with aria-describedby.
/// </summary>
public sealed partial class FormState
{
    private readonly ValidationMessageStore store;
    private readonly List<(string Path, string Message)> summary = [];

    /// <param name="model">The object the form's inputs bind to.</param>
    /// <param name="prefix">Makes element ids unique when a page has several forms ("event", "moderator").</param>
    public FormState(object model, string prefix)
    {
        Model = model;
        Prefix = prefix;
        Context = new EditContext(model);
        store = new ValidationMessageStore(Context);
    }

    public object Model { get; }

    public string Prefix { get; }

    public EditContext Context { get; }

    /// <summary>
    /// The language of the messages when it differs from the page's: "de" on an English page for
    /// the domain's German-only validation messages, null when they are in the page's language.
    /// </summary>
    public string? MessagesLang { get; init; }

    public bool HasErrors => summary.Count > 0;

    /// <summary>The messages in the order the fields appear, each with the path of its field ("" for the form as a whole).</summary>
    public IReadOnlyList<(string Path, string Message)> Summary => summary;

    /// <summary>Errors without a field, e.g. "Diese Veranstaltung gibt es nicht (mehr)."</summary>
    public IEnumerable<string> FormMessages => summary.Where(s => s.Path.Length == 0).Select(s => s.Message);

    public void Show(FieldErrors errors, IReadOnlyList<string>? fieldOrder = null)
    {
        var ordered = errors.OrderBy(e => Rank(e.Key, fieldOrder)).ThenBy(e => e.Key, StringComparer.Ordinal);
        foreach (var (path, message) in ordered)
        {
            summary.Add((path, message));
            if (path.Length > 0 && Resolve(path) is FieldIdentifier field)
            {
                store.Add(field, message);
            }
        }

        Context.NotifyValidationStateChanged();
    }

    public bool IsInvalid(string path) => summary.Any(s => s.Path == path);

    /// <summary>The id of the input for <paramref name="path"/>: "event-Title", "block-Speakers-1-Name".</summary>
    public string FieldId(string path) => $"{Prefix}-{NonIdChars().Replace(path, "-").Trim('-')}";

    public string ErrorId(string path) => FieldId(path) + "-error";

    public string HintId(string path) => FieldId(path) + "-hint";

    /// <summary>aria-describedby for an input: its hint (if it has one) and its error (if it has one).</summary>
    public string? DescribedBy(string path, bool hasHint = false)
    {
        var ids = new List<string>(2);
        if (hasHint)
        {
            ids.Add(HintId(path));
        }

        if (IsInvalid(path))
        {
            ids.Add(ErrorId(path));
        }

        return ids.Count == 0 ? null : string.Join(' ', ids);
    }

    public string? InvalidClass(string path) => IsInvalid(path) ? "field invalid" : "field";

    /// <summary>The link target of a summary line: the field's input, or the form itself.</summary>
    public string Anchor(string path) => path.Length == 0 ? Prefix + "-form" : FieldId(path);

    private static int Rank(string path, IReadOnlyList<string>? order)
    {
        if (path.Length == 0)
        {
            return -1;
        }

        if (order is null)
        {
            return 0;
        }

        var root = path.Split('[', '.')[0];
        var index = order.ToList().IndexOf(root);
        return index < 0 ? order.Count : index;
    }

    /// <summary>Finds the object and property a path names, walking "Speakers[1].Name" step by step.</summary>
    private FieldIdentifier? Resolve(string path)
    {
        var parts = path.Split('.');
        object? current = Model;
        for (var i = 0; i < parts.Length - 1 && current is not null; i++)
        {
            current = Step(current, parts[i]);
        }

        if (current is null)
        {
            return null;
        }

        return current.GetType().GetProperty(parts[^1]) is null ? null : new FieldIdentifier(current, parts[^1]);
    }

    private static object? Step(object current, string part)
    {
        var match = PathStep().Match(part);
        if (!match.Success)
        {
            return null;
        }

        var value = current.GetType().GetProperty(match.Groups[1].Value)?.GetValue(current);
        if (!match.Groups[2].Success)
        {
            return value;
        }

        var index = int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
        return value is IList list && index < list.Count ? list[index] : null;
    }

    [GeneratedRegex(@"^(\w+)(?:\[(\d{1,4})\])?$")]
    private static partial Regex PathStep();

    [GeneratedRegex(@"[^A-Za-z0-9_-]+")]
    private static partial Regex NonIdChars();
}
