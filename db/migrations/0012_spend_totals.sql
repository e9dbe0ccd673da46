CREATE TABLE `spend_totals` (
	`workspace_id` text NOT NULL,
	`financial_year` integer NOT NULL,
	`agency_key` text NOT NULL,
	`category` text NOT NULL,
	`locality_key` text NOT NULL,
	`approach` text NOT NULL,
	`lines` integer NOT NULL,
	`pence` integer NOT NULL,
	`share_whole` integer NOT NULL,
	`share_remainder` integer NOT NULL,
	PRIMARY KEY(`workspace_id`, `financial_year`, `agency_key`, `category`, `locality_key`, `approach`),
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
DROP INDEX `spend_lines_place_count_idx`;