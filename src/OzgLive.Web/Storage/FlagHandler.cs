using System.Data;
using Dapper;

namespace OzgLive.Web.Storage;

/// <summary>
/// Stores every <see cref="bool"/> as the integer 0 or 1, on both engines. SQLite has no boolean type
/// (its flags are 0/1 integers and the SQL says <c>pinned = 1</c>); PostgreSQL has one, but a flag
/// column of its own type would need different SQL literals and sums. So the PostgreSQL schema keeps
/// flags as integers too, and this handler makes a C# bool go in as 0/1 there as well: one
/// representation, the same SQL text and the same values read back in both.
/// </summary>
public sealed class FlagHandler : SqlMapper.TypeHandler<bool>
{
    public override void SetValue(IDbDataParameter parameter, bool value)
    {
        parameter.DbType = DbType.Int64;
        parameter.Value = value ? 1L : 0L;
    }

    // PostgreSQL answers comparisons and EXISTS with a real boolean; columns come as integers.
    public override bool Parse(object value) => value switch
    {
        bool flag => flag,
        long number => number != 0,
        int number => number != 0,
        short number => number != 0,
        decimal number => number != 0,
        _ => throw new DataException($"Cannot read a flag from a value of type {value.GetType().Name}."),
    };

    private static int registered;

    /// <summary>Dapper's handlers are process-wide; registering twice is harmless but pointless.</summary>
    public static void Register()
    {
        if (Interlocked.Exchange(ref registered, 1) == 0)
        {
            // As for times (UtcTimeHandler): Dapper asks a handler only about types without a built-in mapping.
            SqlMapper.RemoveTypeMap(typeof(bool));
            SqlMapper.RemoveTypeMap(typeof(bool?));
            SqlMapper.AddTypeHandler(new FlagHandler());
        }
    }
}
