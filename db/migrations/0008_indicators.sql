CREATE TABLE `indicator_actions` (
	`indicator_id` text NOT NULL,
	`action_id` text NOT NULL,
	PRIMARY KEY(`indicator_id`, `action_id`),
	FOREIGN KEY (`indicator_id`) REFERENCES `indicators`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`action_id`) REFERENCES `actions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `indicator_actions_action_idx` ON `indicator_actions` (`action_id`);--> statement-breakpoint
CREATE TABLE `indicator_agencies` (
	`indicator_id` text NOT NULL,
	`agency_id` text NOT NULL,
	PRIMARY KEY(`indicator_id`, `agency_id`),
	FOREIGN KEY (`indicator_id`) REFERENCES `indicators`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`agency_id`) REFERENCES `agencies`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `indicator_decisions` (
	`indicator_id` text NOT NULL,
	`decision_id` text NOT NULL,
	PRIMARY KEY(`indicator_id`, `decision_id`),
	FOREIGN KEY (`indicator_id`) REFERENCES `indicators`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`decision_id`) REFERENCES `decisions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `indicator_decisions_decision_idx` ON `indicator_decisions` (`decision_id`);--> statement-breakpoint
CREATE TABLE `indicator_values` (
	`id` text PRIMARY KEY NOT NULL,
	`indicator_id` text NOT NULL,
	`period` text NOT NULL,
	`period_start` integer NOT NULL,
	`value` text NOT NULL,
	`value_micros` integer NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`source` text DEFAULT '' NOT NULL,
	`import_id` text,
	`created_by` text,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`indicator_id`) REFERENCES `indicators`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`import_id`) REFERENCES `imports`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `indicator_values_period_uq` ON `indicator_values` (`indicator_id`,`period`);--> statement-breakpoint
CREATE INDEX `indicator_values_order_idx` ON `indicator_values` (`indicator_id`,`period_start`);--> statement-breakpoint
CREATE TABLE `savings_estimates` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`indicator_id` text NOT NULL,
	`title` text NOT NULL,
	`from_period` text NOT NULL,
	`from_value` text NOT NULL,
	`to_period` text NOT NULL,
	`to_value` text NOT NULL,
	`change` text NOT NULL,
	`change_micros` integer NOT NULL,
	`unit_cost_id` text,
	`unit_cost_code` text DEFAULT '' NOT NULL,
	`unit_cost_description` text NOT NULL,
	`unit_cost_unit` text NOT NULL,
	`unit_cost_pence` integer NOT NULL,
	`unit_cost_source` text NOT NULL,
	`price_year` text NOT NULL,
	`deadweight_bp` integer NOT NULL,
	`attribution_bp` integer NOT NULL,
	`optimism_bias_bp` integer NOT NULL,
	`confidence` text NOT NULL,
	`assumptions` text NOT NULL,
	`created_by` text,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`indicator_id`) REFERENCES `indicators`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`unit_cost_id`) REFERENCES `unit_costs`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `savings_estimates_indicator_idx` ON `savings_estimates` (`workspace_id`,`indicator_id`);--> statement-breakpoint
ALTER TABLE `indicators` ADD `code` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `indicators` ADD `baseline_period` text;--> statement-breakpoint
ALTER TABLE `indicators` ADD `baseline_value` text;--> statement-breakpoint
ALTER TABLE `indicators` ADD `baseline_micros` integer;--> statement-breakpoint
ALTER TABLE `indicators` ADD `target_period` text;--> statement-breakpoint
ALTER TABLE `indicators` ADD `target_value` text;--> statement-breakpoint
ALTER TABLE `indicators` ADD `target_micros` integer;