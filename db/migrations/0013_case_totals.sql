CREATE TABLE `case_totals` (
	`case_id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`criteria_count` integer DEFAULT 0 NOT NULL,
	`agency_count` integer DEFAULT 0 NOT NULL,
	`contacts` integer DEFAULT 0 NOT NULL,
	`cost_pence` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `case_totals_workspace_idx` ON `case_totals` (`workspace_id`);