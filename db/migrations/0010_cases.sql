CREATE TABLE `case_read_purposes` (
	`session_id` text NOT NULL,
	`workspace_id` text NOT NULL,
	`purpose` text NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	PRIMARY KEY(`session_id`, `workspace_id`),
	FOREIGN KEY (`session_id`) REFERENCES `sessions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `case_settings` (
	`workspace_id` text PRIMARY KEY NOT NULL,
	`min_criteria` integer DEFAULT 3 NOT NULL,
	`min_agencies` integer DEFAULT 5 NOT NULL,
	`duplication_days` integer DEFAULT 28 NOT NULL,
	`gap_days` integer DEFAULT 28 NOT NULL,
	`updated_by` text,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `journey_events_totals_idx` ON `journey_events` (`workspace_id`,`case_id`,`agency_id`,`cost_pence`,`unit_cost_id`,`quantity_milli`);