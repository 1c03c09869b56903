using System.Data.Common;
using System.Net.Sockets;

namespace SocialCrm.Persistence.Configuration;

/// <summary>Which failures mean the store is out of reach for now (worth waiting for), as opposed to a refused write.</summary>
public static class StoreFailures
{
    /// <summary>A connection failure, a busy or locked file, or a timeout anywhere in the chain (the providers mark theirs transient).</summary>
    public static bool IsTransient(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
            if (e is DbException { IsTransient: true } or TimeoutException or SocketException) return true;
        return false;
    }

    /// <summary>A unique index refused the write: something with the same key was saved at the same moment.</summary>
    public static bool IsUniqueViolation(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
            switch (e)
            {
                case Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 19, SqliteExtendedErrorCode: 2067 or 1555 }: return true;
                case Npgsql.PostgresException { SqlState: "23505" }: return true;
                case Microsoft.Data.SqlClient.SqlException { Number: 2601 or 2627 }: return true;
            }
        return false;
    }

    /// <summary>Two transactions waited on each other and the server chose this one to give up: running it again succeeds.</summary>
    public static bool IsDeadlock(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
            if (e is Npgsql.PostgresException { SqlState: "40P01" or "40001" } or Microsoft.Data.SqlClient.SqlException { Number: 1205 }) return true;
        return false;
    }
}
