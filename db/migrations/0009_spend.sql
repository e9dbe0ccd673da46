CREATE TABLE `spend_mapping_rules` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`source_key` text NOT NULL,
	`value_key` text NOT NULL,
	`value` text NOT NULL,
	`agency_id` text,
	`service` text DEFAULT '' NOT NULL,
	`category` text NOT NULL,
	`vulnerable_share_bp` integer DEFAULT 0 NOT NULL,
	`approach` text DEFAULT 'universal' NOT NULL,
	`updated_by` text,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`agency_id`) REFERENCES `agencies`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `spend_mapping_rules_source_value_uq` ON `spend_mapping_rules` (`workspace_id`,`source_key`,`value_key`);--> statement-breakpoint
CREATE INDEX `spend_lines_place_count_idx` ON `spend_lines` (`workspace_id`,`financial_year`,`agency_id`,`category`,`locality_id`,`approach`,`amount_pence`,`vulnerable_share_bp`);