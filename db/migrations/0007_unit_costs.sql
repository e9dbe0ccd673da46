CREATE TABLE `deflator_indices` (
	`series_id` text NOT NULL,
	`financial_year` text NOT NULL,
	`index_milli` integer NOT NULL,
	PRIMARY KEY(`series_id`, `financial_year`),
	FOREIGN KEY (`series_id`) REFERENCES `deflator_series`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `deflator_series` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`name` text NOT NULL,
	`release` text NOT NULL,
	`source` text NOT NULL,
	`created_by` text,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `deflator_series_workspace_idx` ON `deflator_series` (`workspace_id`);--> statement-breakpoint
CREATE TABLE `unit_cost_settings` (
	`workspace_id` text PRIMARY KEY NOT NULL,
	`stale_after_years` integer NOT NULL,
	`implausible_factor` integer NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade
);
