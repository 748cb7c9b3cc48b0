using System.Runtime.InteropServices;

namespace PacificEdge.Testing;

/// <summary>Sends POSIX signals to a process (SIGTERM for a graceful stop, SIGSTOP/SIGCONT for a hung silo).</summary>
public static class UnixSignal
{
    public const int Terminate = 15;

    public const int Continue = 18;

    public const int Stop = 19;

    /// <summary>kill(2): 0 on success, -1 with errno set otherwise.</summary>
    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    public static extern int Send(int processId, int signal);
}
