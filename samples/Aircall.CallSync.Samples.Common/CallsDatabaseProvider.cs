namespace Aircall.CallSync.Samples.Common;

/// <summary>The databases the samples store calls in (<see cref="CallsDatabase.ProviderOf"/>).</summary>
public enum CallsDatabaseProvider
{
    /// <summary>A SQLite file: <c>Data Source=calls.db</c>.</summary>
    Sqlite,

    /// <summary>A PostgreSQL server: <c>Host=...;Database=...;Username=...;Password=...</c>.</summary>
    PostgreSql,
}
