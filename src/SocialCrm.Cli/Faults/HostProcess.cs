using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace SocialCrm.Cli.Faults;

/// <summary>
/// The web host, or a worker (host "SocialCrm.Worker"), as its own operating-system process (the build beside this
/// one), so that a fault can kill it the hard way (SIGKILL, as kill -9) and start it again on the same store, bus and port.
/// </summary>
public sealed class HostProcess(IReadOnlyDictionary<string, string> settings, string logFile, string host = HostProcess.Web) : IAsyncDisposable
{
    public const string Web = "SocialCrm.Web", Worker = "SocialCrm.Worker";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);
    private readonly int _port = FreePort();
    private Process? _process;

    public Uri Address => new($"http://127.0.0.1:{_port}");
    public IReadOnlyDictionary<string, string> Settings => settings;
    public string LogFile => logFile;
    public int Kills { get; private set; }

    public async Task StartAsync(CancellationToken ct)
    {
        var start = HostCommand(host);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(Address.ToString());
        foreach (var (key, value) in settings) start.Environment[key.Replace(":", "__")] = value;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["Logging__Console__TimestampFormat"] = "HH:mm:ss.fff ";
        start.RedirectStandardOutput = start.RedirectStandardError = true;
        start.WorkingDirectory = AppContext.BaseDirectory;
        var log = new HostLog(logFile);
        log.Write($"==== start {DateTime.UtcNow:O}");
        _process = Process.Start(start) ?? throw new InvalidOperationException($"{host} did not start");
        _process.OutputDataReceived += (_, e) => log.Write(e.Data);
        _process.ErrorDataReceived += (_, e) => log.Write(e.Data);
        _process.EnableRaisingEvents = true;
        _process.Exited += (_, _) => log.Close();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        using var http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + StartTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited) throw new InvalidOperationException($"{host} exited with {_process.ExitCode} while starting; see {logFile}");
            try
            {
                using var health = await http.GetAsync("/health", ct);
                if (health.StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested) { }
            await Task.Delay(200, ct);
        }
        throw new TimeoutException($"{host} did not answer /health within {StartTimeout.TotalSeconds:0} s; see {logFile}");
    }

    /// <summary>CPU time the process has used so far (zero once it has exited).</summary>
    public TimeSpan CpuTime => _process is { HasExited: false } p ? Refreshed(p).TotalProcessorTime : TimeSpan.Zero;

    public long WorkingSetMb => _process is { HasExited: false } p ? Refreshed(p).WorkingSet64 / (1024 * 1024) : 0;

    private static Process Refreshed(Process process)
    {
        process.Refresh();
        return process;
    }

    /// <summary>kill -9: no shutdown, no flush; whatever was in flight in the process is gone.</summary>
    public void Kill()
    {
        if (_process is not { HasExited: false }) return;
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
        Kills++;
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        _process?.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>The host's own launcher beside this build, or dotnet with its assembly.</summary>
    /// <summary>The command that starts a host built beside this one (its launcher, or dotnet and its dll).</summary>
    public static ProcessStartInfo HostCommand(string host)
    {
        var folder = AppContext.BaseDirectory;
        var launcher = Path.Combine(folder, OperatingSystem.IsWindows() ? host + ".exe" : host);
        if (File.Exists(launcher)) return new ProcessStartInfo(launcher);
        var dll = Path.Combine(folder, host + ".dll");
        if (!File.Exists(dll)) throw new FileNotFoundException($"{host} is not built beside this command", dll);
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet");
        start.ArgumentList.Add(dll);
        return start;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>
/// The host's output appended to its log file. Lines can still arrive after the process has exited (the output is
/// drained on the thread pool), so writing after closing drops the line rather than throwing on a pool thread,
/// which would take the whole process down.
/// </summary>
public sealed class HostLog(string path)
{
    private readonly StreamWriter _writer = new(path, append: true) { AutoFlush = true };
    private bool _closed;

    public void Write(string? line)
    {
        if (line is null) return;
        lock (_writer) if (!_closed) _writer.WriteLine(line);
    }

    public void Close()
    {
        lock (_writer)
        {
            _closed = true;
            _writer.Dispose();
        }
    }
}
