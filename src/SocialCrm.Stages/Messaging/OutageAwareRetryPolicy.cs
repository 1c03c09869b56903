using MassTransit;
using SocialCrm.Persistence.Configuration;

namespace SocialCrm.Stages.Messaging;

/// <summary>
/// One retry policy, two schedules, chosen by the first failure: a store out of reach (a restart, a failover, a
/// locked file) is waited out on the long outage schedule; anything else is a bug or bad data, retried a few times
/// quickly and then parked. (Two nested MassTransit retry filters with exception filters do not compose: the inner
/// one's give-up ends the outer's retries too.)
/// </summary>
public sealed class OutageAwareRetryPolicy(IRetryPolicy quick, IRetryPolicy outage) : IRetryPolicy
{
    public RetryPolicyContext<T> CreatePolicyContext<T>(T context) where T : class, PipeContext =>
        new PolicyContext<T>(quick.CreatePolicyContext(context), outage.CreatePolicyContext(context));

    public bool IsHandled(Exception exception) => true;

    public void Probe(ProbeContext context) => context.CreateScope("outageAwareRetry");

    private sealed class PolicyContext<T>(RetryPolicyContext<T> quick, RetryPolicyContext<T> outage) : RetryPolicyContext<T> where T : class, PipeContext
    {
        public T Context => quick.Context;

        public bool CanRetry(Exception exception, out RetryContext<T> retryContext) =>
            (StoreFailures.IsTransient(exception) ? outage : quick).CanRetry(exception, out retryContext);

        public Task RetryFaulted(Exception exception) => (StoreFailures.IsTransient(exception) ? outage : quick).RetryFaulted(exception);

        public void Cancel()
        {
            quick.Cancel();
            outage.Cancel();
        }

        public void Dispose()
        {
            quick.Dispose();
            outage.Dispose();
        }
    }
}
