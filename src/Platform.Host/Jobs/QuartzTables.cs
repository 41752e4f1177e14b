using Microsoft.EntityFrameworkCore;
using Platform.Features.Persistence;

namespace Platform.Host.Jobs;

/// <summary>
/// The tables of Quartz's clustered job store (ADO.NET), in the platform database, created by `migrate`
/// after EF Core's migrations: Quartz never creates them itself, and EF Core's model does not know them.
/// The statements follow Quartz.NET 4.x's own schema scripts (database/tables/tables_postgres.sql and
/// tables_sqlServer.sql of quartznet/quartznet, Apache-2.0), table prefix QRTZ_. Idempotent: nothing is
/// done where the tables exist. A later Quartz release that changes its schema adds its upgrade here.
/// SQLite keeps Quartz's in-memory store (one node) and gets none.
/// </summary>
public static class QuartzTables
{
    /// <summary>Creates the tables if missing; true when it did.</summary>
    public static async Task<bool> EnsureAsync(PlatformDbContext db, CancellationToken ct = default)
    {
        var script = db.Database.IsNpgsql() ? Postgres : db.Database.IsSqlServer() ? SqlServer : null;
        if (script is null) return false;
        var exists = db.Database.IsNpgsql()
            ? "SELECT COUNT(*) AS \"Value\" FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = 'qrtz_locks'"
            : "SELECT COUNT(*) AS [Value] FROM sys.tables WHERE name = 'QRTZ_LOCKS' AND schema_id = SCHEMA_ID()";
        if (await db.Database.SqlQueryRaw<int>(exists).SingleAsync(ct) > 0) return false;
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            // Both engines roll DDL back: a failure half-way leaves no table, and the next `migrate` starts again.
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await db.Database.ExecuteSqlRawAsync(script, ct);
            await transaction.CommitAsync(ct);
        });
        return true;
    }

    /// <summary>Every table Quartz's store reads (for tests and for test resets that must keep them).</summary>
    public static readonly string[] Names =
    [
        "qrtz_job_details", "qrtz_triggers", "qrtz_simple_triggers", "qrtz_simprop_triggers", "qrtz_cron_triggers",
        "qrtz_blob_triggers", "qrtz_calendars", "qrtz_paused_trigger_grps", "qrtz_fired_triggers", "qrtz_scheduler_state", "qrtz_locks",
    ];

    private const string Postgres = """
        CREATE TABLE qrtz_job_details (
            sched_name TEXT NOT NULL, job_name TEXT NOT NULL, job_group TEXT NOT NULL, description TEXT NULL,
            job_class_name TEXT NOT NULL, is_durable BOOL NOT NULL, is_nonconcurrent BOOL NOT NULL,
            is_update_data BOOL NOT NULL, requests_recovery BOOL NOT NULL, job_data BYTEA NULL,
            PRIMARY KEY (sched_name, job_name, job_group));
        CREATE TABLE qrtz_triggers (
            sched_name TEXT NOT NULL, trigger_name TEXT NOT NULL, trigger_group TEXT NOT NULL,
            job_name TEXT NOT NULL, job_group TEXT NOT NULL, description TEXT NULL,
            next_fire_time BIGINT NULL, prev_fire_time BIGINT NULL, priority INTEGER NULL,
            trigger_state TEXT NOT NULL, trigger_type TEXT NOT NULL, start_time BIGINT NOT NULL, end_time BIGINT NULL,
            calendar_name TEXT NULL, misfire_instr SMALLINT NULL, misfire_orig_fire_time BIGINT NULL,
            execution_group VARCHAR(200) NULL, preferred_node VARCHAR(200) NULL, preferred_node_auto BOOL NOT NULL DEFAULT FALSE,
            job_data BYTEA NULL,
            PRIMARY KEY (sched_name, trigger_name, trigger_group),
            FOREIGN KEY (sched_name, job_name, job_group) REFERENCES qrtz_job_details (sched_name, job_name, job_group));
        CREATE TABLE qrtz_simple_triggers (
            sched_name TEXT NOT NULL, trigger_name TEXT NOT NULL, trigger_group TEXT NOT NULL,
            repeat_count BIGINT NOT NULL, repeat_interval BIGINT NOT NULL, times_triggered BIGINT NOT NULL,
            PRIMARY KEY (sched_name, trigger_name, trigger_group),
            FOREIGN KEY (sched_name, trigger_name, trigger_group) REFERENCES qrtz_triggers (sched_name, trigger_name, trigger_group) ON DELETE CASCADE);
        CREATE TABLE qrtz_simprop_triggers (
            sched_name TEXT NOT NULL, trigger_name TEXT NOT NULL, trigger_group TEXT NOT NULL,
            str_prop_1 TEXT NULL, str_prop_2 TEXT NULL, str_prop_3 TEXT NULL, int_prop_1 INTEGER NULL, int_prop_2 INTEGER NULL,
            long_prop_1 BIGINT NULL, long_prop_2 BIGINT NULL, dec_prop_1 NUMERIC NULL, dec_prop_2 NUMERIC NULL,
            bool_prop_1 BOOL NULL, bool_prop_2 BOOL NULL, time_zone_id TEXT NULL,
            PRIMARY KEY (sched_name, trigger_name, trigger_group),
            FOREIGN KEY (sched_name, trigger_name, trigger_group) REFERENCES qrtz_triggers (sched_name, trigger_name, trigger_group) ON DELETE CASCADE);
        CREATE TABLE qrtz_cron_triggers (
            sched_name TEXT NOT NULL, trigger_name TEXT NOT NULL, trigger_group TEXT NOT NULL,
            cron_expression TEXT NOT NULL, time_zone_id TEXT,
            PRIMARY KEY (sched_name, trigger_name, trigger_group),
            FOREIGN KEY (sched_name, trigger_name, trigger_group) REFERENCES qrtz_triggers (sched_name, trigger_name, trigger_group) ON DELETE CASCADE);
        CREATE TABLE qrtz_blob_triggers (
            sched_name TEXT NOT NULL, trigger_name TEXT NOT NULL, trigger_group TEXT NOT NULL, blob_data BYTEA NULL,
            PRIMARY KEY (sched_name, trigger_name, trigger_group),
            FOREIGN KEY (sched_name, trigger_name, trigger_group) REFERENCES qrtz_triggers (sched_name, trigger_name, trigger_group) ON DELETE CASCADE);
        CREATE TABLE qrtz_calendars (
            sched_name TEXT NOT NULL, calendar_name TEXT NOT NULL, calendar BYTEA NOT NULL,
            PRIMARY KEY (sched_name, calendar_name));
        CREATE TABLE qrtz_paused_trigger_grps (
            sched_name TEXT NOT NULL, trigger_group TEXT NOT NULL,
            PRIMARY KEY (sched_name, trigger_group));
        CREATE TABLE qrtz_fired_triggers (
            sched_name TEXT NOT NULL, entry_id TEXT NOT NULL, trigger_name TEXT NOT NULL, trigger_group TEXT NOT NULL,
            instance_name TEXT NOT NULL, fired_time BIGINT NOT NULL, sched_time BIGINT NOT NULL, priority INTEGER NOT NULL,
            state TEXT NOT NULL, job_name TEXT NULL, job_group TEXT NULL, is_nonconcurrent BOOL NOT NULL,
            requests_recovery BOOL NULL, execution_group VARCHAR(200) NULL,
            PRIMARY KEY (sched_name, entry_id));
        CREATE TABLE qrtz_scheduler_state (
            sched_name TEXT NOT NULL, instance_name TEXT NOT NULL, last_checkin_time BIGINT NOT NULL, checkin_interval BIGINT NOT NULL,
            PRIMARY KEY (sched_name, instance_name));
        CREATE TABLE qrtz_locks (
            sched_name TEXT NOT NULL, lock_name TEXT NOT NULL,
            PRIMARY KEY (sched_name, lock_name));
        CREATE INDEX idx_qrtz_j_g_n ON qrtz_job_details (sched_name, job_group, job_name);
        CREATE INDEX idx_qrtz_t_j ON qrtz_triggers (sched_name, job_name, job_group);
        CREATE INDEX idx_qrtz_t_c ON qrtz_triggers (sched_name, calendar_name);
        CREATE INDEX idx_qrtz_t_g_n ON qrtz_triggers (sched_name, trigger_group, trigger_name);
        CREATE INDEX idx_qrtz_t_nft_st ON qrtz_triggers (sched_name, trigger_state, next_fire_time);
        CREATE INDEX idx_qrtz_ft_inst_job_req_rcvry ON qrtz_fired_triggers (sched_name, instance_name, requests_recovery);
        CREATE INDEX idx_qrtz_ft_j_g ON qrtz_fired_triggers (sched_name, job_name, job_group);
        CREATE INDEX idx_qrtz_ft_t_g ON qrtz_fired_triggers (sched_name, trigger_name, trigger_group);
        """;

    private const string SqlServer = """
        CREATE TABLE QRTZ_JOB_DETAILS (
            SCHED_NAME nvarchar(120) NOT NULL, JOB_NAME nvarchar(150) NOT NULL, JOB_GROUP nvarchar(150) NOT NULL,
            DESCRIPTION nvarchar(250) NULL, JOB_CLASS_NAME nvarchar(250) NOT NULL, IS_DURABLE bit NOT NULL,
            IS_NONCONCURRENT bit NOT NULL, IS_UPDATE_DATA bit NOT NULL, REQUESTS_RECOVERY bit NOT NULL, JOB_DATA varbinary(max) NULL,
            CONSTRAINT PK_QRTZ_JOB_DETAILS PRIMARY KEY CLUSTERED (SCHED_NAME, JOB_NAME, JOB_GROUP));
        CREATE TABLE QRTZ_TRIGGERS (
            SCHED_NAME nvarchar(120) NOT NULL, TRIGGER_NAME nvarchar(150) NOT NULL, TRIGGER_GROUP nvarchar(150) NOT NULL,
            JOB_NAME nvarchar(150) NOT NULL, JOB_GROUP nvarchar(150) NOT NULL, DESCRIPTION nvarchar(250) NULL,
            NEXT_FIRE_TIME bigint NULL, PREV_FIRE_TIME bigint NULL, PRIORITY int NULL, TRIGGER_STATE nvarchar(16) NOT NULL,
            TRIGGER_TYPE nvarchar(8) NOT NULL, START_TIME bigint NOT NULL, END_TIME bigint NULL, CALENDAR_NAME nvarchar(200) NULL,
            MISFIRE_INSTR int NULL, MISFIRE_ORIG_FIRE_TIME bigint NULL, EXECUTION_GROUP nvarchar(200) NULL,
            PREFERRED_NODE nvarchar(200) NULL, PREFERRED_NODE_AUTO bit NOT NULL DEFAULT 0, JOB_DATA varbinary(max) NULL,
            CONSTRAINT PK_QRTZ_TRIGGERS PRIMARY KEY CLUSTERED (SCHED_NAME, TRIGGER_NAME, TRIGGER_GROUP),
            CONSTRAINT FK_QRTZ_TRIGGERS_QRTZ_JOB_DETAILS FOREIGN KEY (SCHED_NAME, JOB_NAME, JOB_GROUP)
                REFERENCES QRTZ_JOB_DETAILS (SCHED_NAME, JOB_NAME, JOB_GROUP));
        CREATE TABLE QRTZ_SIMPLE_TRIGGERS (
            SCHED_NAME nvarchar(120) NOT NULL, TRIGGER_NAME nvarchar(150) NOT NULL, TRIGGER_GROUP nvarchar(150) NOT NULL,
            REPEAT_COUNT int NOT NULL, REPEAT_INTERVAL bigint NOT NULL, TIMES_TRIGGERED int NOT NULL,
            CONSTRAINT PK_QRTZ_SIMPLE_TRIGGERS PRIMARY KEY CLUSTERED (SCHED_NAME, TRIGGER_NAME, TRIGGER_GROUP),
            CONSTRAINT FK_QRTZ_SIMPLE_TRIGGERS_QRTZ_TRIGGERS FOREIGN KEY (SCHED_NAME, TRIGGER_NAME, TRIGGER_GROUP)
                REFERENCES QRTZ_TRIGGERS (SCHED_NAME, TRIGGER_NAME, TRIGGER_GROUP) ON DELETE CASCADE);
        CREATE TABLE QRTZ_SIMPROP_TRIGGERS (
            SCHED_NAME nvarchar(120) NOT NULL, TRIGGER_NAME nvarchar(150) NOT NULL, TRIGGER_GROUP nvarchar(150) NOT NULL,
            STR_PROP_1 nvarchar(512) NULL, STR_PROP_2 nvarchar(512) NULL, STR_PROP_3 nvarchar(512) NULL,
            INT_PROP_1 int NULL, INT_PROP_2 int NULL, LONG_PROP_1 bigint NULL, LONG_PROP_2 bigint NULL,
            DEC_PROP_1 numeric(13,4) NULL, DEC_PROP_2 numeric(13,4) NULL, BOOL_PROP_1 bit NULL, BOOL_PROP_2 bit NULL,
            TIME_ZONE_ID nvarchar(80) NULL,
            CONSTRAINT PK_QRTZ_SIMPROP_TRIGGERS PRIMARY KEY CLUSTERED (SCHED_NAME, TRIGGER_NAME, TRIGGER_GROUP),
            CONSTRAINT FK_QRTZ_SIMPROP_TRIGGERS_QRTZ_TRIGGERS FOREIGN KEY (SCHED_NAME, TRIGGER_NAME, TRIGGER_GROUP)
                REFERENCES QRTZ_TRIGGERS (SCHED_NAME, TRIGGER_NAME, TRIGGER_GROUP) ON DELETE CASCADE);
        CREATE TABLE QRTZ_CRON_TRIGGERS (
            SCHED_NAME nvarchar(120) NOT NULL, TRIGGER_NAME nvarchar(150) NOT NULL, TRIGGER_GROUP nvarchar(150) NOT NULL,
            CRON_EXPRESSION nvarchar(120) NOT NULL, TIME_ZONE_ID nvarchar(80),
            CONSTRAINT PK_QRTZ_CRON_TRIGGERS PRIMARY KEY CLUSTERED (SCHED_NAME, TRIGGER_NAME, TRIGGER_GROUP),
            CONSTRAINT FK_QRTZ_CRON_TRIGGERS_QRTZ_TRIGGERS FOREIGN KEY (SCHED_NAME, TRIGGER_NAME, TRIGGER_GROUP)
                REFERENCES QRTZ_TRIGGERS (SCHED_NAME, TRIGGER_NAME, TRIGGER_GROUP) ON DELETE CASCADE);
        CREATE TABLE QRTZ_BLOB_TRIGGERS (
            SCHED_NAME nvarchar(120) NOT NULL, TRIGGER_NAME nvarchar(150) NOT NULL, TRIGGER_GROUP nvarchar(150) NOT NULL,
            BLOB_DATA varbinary(max) NULL,
            CONSTRAINT PK_QRTZ_BLOB_TRIGGERS PRIMARY KEY CLUSTERED (SCHED_NAME, TRIGGER_NAME, TRIGGER_GROUP));
        CREATE TABLE QRTZ_CALENDARS (
            SCHED_NAME nvarchar(120) NOT NULL, CALENDAR_NAME nvarchar(200) NOT NULL, CALENDAR varbinary(max) NOT NULL,
            CONSTRAINT PK_QRTZ_CALENDARS PRIMARY KEY CLUSTERED (SCHED_NAME, CALENDAR_NAME));
        CREATE TABLE QRTZ_PAUSED_TRIGGER_GRPS (
            SCHED_NAME nvarchar(120) NOT NULL, TRIGGER_GROUP nvarchar(150) NOT NULL,
            CONSTRAINT PK_QRTZ_PAUSED_TRIGGER_GRPS PRIMARY KEY CLUSTERED (SCHED_NAME, TRIGGER_GROUP));
        CREATE TABLE QRTZ_FIRED_TRIGGERS (
            SCHED_NAME nvarchar(120) NOT NULL, ENTRY_ID nvarchar(140) NOT NULL, TRIGGER_NAME nvarchar(150) NOT NULL,
            TRIGGER_GROUP nvarchar(150) NOT NULL, INSTANCE_NAME nvarchar(200) NOT NULL, FIRED_TIME bigint NOT NULL,
            SCHED_TIME bigint NOT NULL, PRIORITY int NOT NULL, STATE nvarchar(16) NOT NULL, JOB_NAME nvarchar(150) NULL,
            JOB_GROUP nvarchar(150) NULL, IS_NONCONCURRENT bit NULL, REQUESTS_RECOVERY bit NULL, EXECUTION_GROUP nvarchar(200) NULL,
            CONSTRAINT PK_QRTZ_FIRED_TRIGGERS PRIMARY KEY CLUSTERED (SCHED_NAME, ENTRY_ID));
        CREATE TABLE QRTZ_SCHEDULER_STATE (
            SCHED_NAME nvarchar(120) NOT NULL, INSTANCE_NAME nvarchar(200) NOT NULL, LAST_CHECKIN_TIME bigint NOT NULL,
            CHECKIN_INTERVAL bigint NOT NULL,
            CONSTRAINT PK_QRTZ_SCHEDULER_STATE PRIMARY KEY CLUSTERED (SCHED_NAME, INSTANCE_NAME));
        CREATE TABLE QRTZ_LOCKS (
            SCHED_NAME nvarchar(120) NOT NULL, LOCK_NAME nvarchar(40) NOT NULL,
            CONSTRAINT PK_QRTZ_LOCKS PRIMARY KEY CLUSTERED (SCHED_NAME, LOCK_NAME));
        CREATE INDEX IDX_QRTZ_J_G_N ON QRTZ_JOB_DETAILS (SCHED_NAME, JOB_GROUP, JOB_NAME);
        CREATE INDEX IDX_QRTZ_T_J ON QRTZ_TRIGGERS (SCHED_NAME, JOB_NAME, JOB_GROUP);
        CREATE INDEX IDX_QRTZ_T_G_N ON QRTZ_TRIGGERS (SCHED_NAME, TRIGGER_GROUP, TRIGGER_NAME);
        CREATE INDEX IDX_QRTZ_T_C ON QRTZ_TRIGGERS (SCHED_NAME, CALENDAR_NAME);
        CREATE INDEX IDX_QRTZ_T_NFT_ST ON QRTZ_TRIGGERS (SCHED_NAME, TRIGGER_STATE, NEXT_FIRE_TIME);
        CREATE INDEX IDX_QRTZ_T_NFT_ST_MISFIRE ON QRTZ_TRIGGERS (SCHED_NAME, MISFIRE_INSTR, NEXT_FIRE_TIME, TRIGGER_STATE);
        CREATE INDEX IDX_QRTZ_FT_INST_JOB_REQ_RCVRY ON QRTZ_FIRED_TRIGGERS (SCHED_NAME, INSTANCE_NAME, REQUESTS_RECOVERY);
        CREATE INDEX IDX_QRTZ_FT_J_G ON QRTZ_FIRED_TRIGGERS (SCHED_NAME, JOB_NAME, JOB_GROUP);
        CREATE INDEX IDX_QRTZ_FT_T_G ON QRTZ_FIRED_TRIGGERS (SCHED_NAME, TRIGGER_NAME, TRIGGER_GROUP);
        """;
}
