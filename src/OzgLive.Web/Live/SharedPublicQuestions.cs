using System.Collections;
using System.Text.Json;
using System.Text.Json.Serialization;
using OzgLive.Web.Questions;

namespace OzgLive.Web.Live;

/// <summary>
/// The public questions of the viewers' shared snapshot (<see cref="SnapshotReader"/>): serialized
/// once and written as they are into the answer of every join that shares the snapshot, instead of
/// once per viewer. With thousands of viewers joining an event with many questions, serializing them
/// again for each was most of a join's cost.
/// </summary>
public sealed class SharedPublicQuestions(IReadOnlyList<PublicQuestion> questions) : IReadOnlyList<PublicQuestion>
{
    private Serialized? serialized;

    public int Count => questions.Count;

    public PublicQuestion this[int index] => questions[index];

    public IEnumerator<PublicQuestion> GetEnumerator() => questions.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The list as JSON with these options; made once (the hub uses one set of options).</summary>
    public byte[] Json(JsonSerializerOptions options)
    {
        if (Volatile.Read(ref serialized) is { } done && ReferenceEquals(done.Options, options))
        {
            return done.Json;
        }

        var json = JsonSerializer.SerializeToUtf8Bytes<IEnumerable<PublicQuestion>>(questions, options);
        Volatile.Write(ref serialized, new Serialized(options, json));
        return json;
    }

    private sealed record Serialized(JsonSerializerOptions Options, byte[] Json);
}

/// <summary>Writes <see cref="SharedPublicQuestions"/> from its serialized form; any other list as usual.</summary>
public sealed class PublicQuestionsJson : JsonConverter<IReadOnlyList<PublicQuestion>>
{
    public override IReadOnlyList<PublicQuestion>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        JsonSerializer.Deserialize<List<PublicQuestion>>(ref reader, options);

    public override void Write(Utf8JsonWriter writer, IReadOnlyList<PublicQuestion> value, JsonSerializerOptions options)
    {
        if (value is SharedPublicQuestions shared)
        {
            // Made by the serializer itself with these options, so it needs no second check.
            writer.WriteRawValue(shared.Json(options), skipInputValidation: true);
            return;
        }

        JsonSerializer.Serialize<IEnumerable<PublicQuestion>>(writer, value, options);
    }
}
