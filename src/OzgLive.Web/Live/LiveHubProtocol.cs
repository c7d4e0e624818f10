using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Runtime.ExceptionServices;
using System.Text.Json;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.Options;

namespace OzgLive.Web.Live;

/// <summary>
/// SignalR's JSON protocol, with refusals a caller can understand. Out of the box SignalR answers a
/// call with arguments of the wrong type or number with "Failed to invoke … due to an error on the
/// server." and closes a connection that sent malformed or oversized JSON with "Connection closed
/// with an error.": the reason is hidden unless detailed errors are on, which would also show
/// internal exceptions to everyone. Only <see cref="HubException"/> texts always reach the client, so
/// these refusals are turned into coded HubExceptions here; everything else is the JSON protocol.
/// </summary>
public sealed class LiveHubProtocol(IOptions<JsonHubProtocolOptions> options) : IHubProtocol
{
    private const int MaxTargetLength = 80;

    private readonly JsonHubProtocol json = new(options);

    public string Name => json.Name;

    public int Version => json.Version;

    public TransferFormat TransferFormat => json.TransferFormat;

    public bool IsVersionSupported(int version) => json.IsVersionSupported(version);

    public void WriteMessage(HubMessage message, IBufferWriter<byte> output) => json.WriteMessage(message, output);

    public ReadOnlyMemory<byte> GetMessageBytes(HubMessage message) => json.GetMessageBytes(message);

    public bool TryParseMessage(ref ReadOnlySequence<byte> input, IInvocationBinder binder, [NotNullWhen(true)] out HubMessage? message)
    {
        bool parsed;
        try
        {
            parsed = json.TryParseMessage(ref input, binder, out message);
        }
        catch (Exception ex) when (ex is InvalidDataException or JsonException)
        {
            // The connection closes (its stream can no longer be trusted); the close message says why.
            throw new HubException(
                "invalid-message: Die Nachricht entspricht nicht dem JSON-Protokoll von SignalR. Die Verbindung wird getrennt.", ex);
        }

        if (!parsed)
        {
            // SignalR hands over at most the size limit; no end marker within it means the message is
            // too large, and SignalR would close the connection next without saying so.
            if (input.Length >= LiveExtensions.MaxMessageBytes)
            {
                throw HubError.Create(
                    "message-too-large",
                    $"Eine Nachricht an den Server darf höchstens {LiveExtensions.MaxMessageBytes / 1024} KB groß sein. Die Verbindung wird getrennt.");
            }

            return false;
        }

        if (message is InvocationBindingFailureMessage failure)
        {
            message = new InvocationBindingFailureMessage(
                failure.InvocationId, failure.Target, ExceptionDispatchInfo.Capture(Explain(failure.Target, binder)));
        }

        return message is not null;
    }

    private static HubException Explain(string target, IInvocationBinder binder)
    {
        var shown = target.Length > MaxTargetLength ? target[..MaxTargetLength] + "…" : target;
        try
        {
            binder.GetParameterTypes(target);
        }
        catch (HubException)
        {
            return HubError.Create("unknown-method", $"Die Methode „{shown}“ gibt es nicht.");
        }

        // SignalR finds hub methods by name regardless of case.
        var method = typeof(LiveHub).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .FirstOrDefault(m => string.Equals(m.Name, target, StringComparison.OrdinalIgnoreCase));
        if (method is null)
        {
            return HubError.InvalidArgument($"Die Argumente passen nicht zur Methode „{shown}“.");
        }

        var parameters = method.GetParameters();
        var expected = string.Join(", ", parameters.Select(p => $"{p.Name} ({Describe(p.ParameterType)})"));
        return HubError.InvalidArgument(
            $"Die Argumente passen nicht zur Methode „{method.Name}“: erwartet {parameters.Length} ({expected}).");
    }

    private static string Describe(Type type) =>
        type == typeof(long) || type == typeof(int) ? "ganze Zahl"
        : type == typeof(bool) ? "true oder false"
        : type == typeof(string) ? "Text"
        : type.Name;
}
