using System.Data;
using System.Data.Common;
using Dapper;

namespace OzgLive.Web.Storage;

/// <summary>
/// The commands of one transaction, each compiled once and run again with new values. Microsoft.Data.Sqlite
/// keeps a statement compiled only as long as its command object lives (dotnet/efcore#14044), and Dapper
/// makes a new command for every call: in a batch of 200 questions the same seven statements were
/// compiled 200 times each, a quarter of the server's CPU while it took questions (perf: sqlite3_prepare_v2).
/// For the statements a change runs again and again (EventChanges, asking); everything else stays Dapper.
/// </summary>
public sealed class PreparedCommands(DbConnection connection, DbTransaction transaction) : IDisposable
{
    private readonly Dictionary<string, PreparedCommand> commands = new(StringComparer.Ordinal);

    /// <summary>The command for this SQL text in this transaction: made on first use, then the same one.</summary>
    public PreparedCommand For(string sql)
    {
        if (!commands.TryGetValue(sql, out var command))
        {
            var created = connection.CreateCommand();
            created.CommandText = sql;
            created.Transaction = transaction;
            command = new PreparedCommand(created);
            commands[sql] = command;
        }

        return command;
    }

    public void Dispose()
    {
        foreach (var command in commands.Values)
        {
            command.Dispose();
        }

        commands.Clear();
    }
}

/// <summary>
/// One statement of <see cref="PreparedCommands"/>: set its values by name (as the SQL's <c>@name</c>),
/// then run it. Values are written as Dapper's type handlers write them (times as UTC text).
/// </summary>
public sealed class PreparedCommand(DbCommand command) : IDisposable
{
    public PreparedCommand Set(string name, string? value) => Set(name, DbType.String, value);

    public PreparedCommand Set(string name, long? value) => Set(name, DbType.Int64, value);

    public PreparedCommand Set(string name, int? value) => Set(name, DbType.Int32, value);

    public PreparedCommand Set(string name, DateTimeOffset? value) =>
        Set(name, DbType.String, value is { } time ? UtcTimeHandler.ToText(time) : null);

    public Task<int> ExecuteAsync() => command.ExecuteNonQueryAsync();

    /// <summary>The first row as <typeparamref name="T"/> (Dapper's mapping, type handlers included), or default without one.</summary>
    public async Task<T?> FirstOrDefaultAsync<T>()
    {
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? reader.GetRowParser<T>()(reader) : default;
    }

    public void Dispose() => command.Dispose();

    private PreparedCommand Set(string name, DbType type, object? value)
    {
        var index = command.Parameters.IndexOf(name);
        DbParameter parameter;
        if (index < 0)
        {
            parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.DbType = type;
            command.Parameters.Add(parameter);
        }
        else
        {
            parameter = command.Parameters[index];
        }

        parameter.Value = value ?? DBNull.Value;
        return this;
    }
}
