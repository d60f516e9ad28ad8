"""The schedule: periodic work that the law or the data makes due by the clock (the deadline watch,
the case-file sweep, the daily in-force refresh of the search index), queued as background tasks.

`zhifa serve` runs `zhifa schedule run-due --loop` beside its worker; a deployment without it runs
`zhifa schedule run-due` from cron every minute. Either way each job's slot is claimed in the
database (`ScheduledRun`), so several servers queue each slot's work once (DESIGN.md §3: nothing
may assume one process). The jobs are settings (`ZHIFA_SCHEDULE`), because core cannot import the
apps whose tasks they name."""
