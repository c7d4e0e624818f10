using System.Data;
using System.Globalization;
using Dapper;

namespace OzgLive.Web.Storage;

/// <summary>
/// Stores every <see cref="DateTimeOffset"/> as ISO-8601 UTC text and reads it back as UTC,
/// whatever the culture or time zone of the machine.
/// </summary>
public sealed class UtcTimeHandler : SqlMapper.TypeHandler<DateTimeOffset>
{
    public const string Format = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    public static string ToText(DateTimeOffset value) =>
        value.ToUniversalTime().ToString(Format, CultureInfo.InvariantCulture);

    public static DateTimeOffset FromText(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    public override void SetValue(IDbDataParameter parameter, DateTimeOffset value)
    {
        parameter.DbType = DbType.String;
        parameter.Value = ToText(value);
    }

    public override DateTimeOffset Parse(object value) => value switch
    {
        string text => FromText(text),
        DateTime dateTime => new DateTimeOffset(DateTime.SpecifyKind(dateTime, DateTimeKind.Utc)),
        _ => throw new DataException($"Cannot read a time from a value of type {value.GetType().Name}."),
    };

    private static int registered;

    /// <summary>Dapper's handlers are process-wide; registering twice is harmless but pointless.</summary>
    public static void Register()
    {
        if (Interlocked.Exchange(ref registered, 1) == 0)
        {
            // Dapper has a built-in mapping for DateTimeOffset parameters (DbType.DateTimeOffset, which
            // Microsoft.Data.Sqlite writes as "2026-03-31 10:00:00+02:00", keeping the offset) and only
            // asks a handler about types without one, so the built-in mapping must go first.
            SqlMapper.RemoveTypeMap(typeof(DateTimeOffset));
            SqlMapper.RemoveTypeMap(typeof(DateTimeOffset?));
            SqlMapper.AddTypeHandler(new UtcTimeHandler());
        }
    }
}
