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
}
